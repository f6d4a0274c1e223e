"""Language-neutral naming: word splitting, and resource/method names from paths.

The IR stores resource and method names as lower-case words joined by ``_``
("fine_tuning", "list_events"); each target cases them its own way.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z]|[0-9]|\b|_)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                           "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th", "ð": "d"})


def words(text: str) -> list[str]:
    """Split any spelling into words: ``createUploadPart`` -> create, upload, part;
    ``HTTPServer2`` -> http, server, 2; ``fine-tune`` -> fine, tune.  Non-ASCII letters
    are transliterated where Unicode decomposes them; others are dropped."""
    return list(_words(text))


_NON_WORD = re.compile(r"[^A-Za-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    # every target splits the same few thousand names many times over: worked out once per process
    text = text.translate(_TRANSLIT)
    ascii_text = text if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    out: list[str] = []
    for chunk in _NON_WORD.split(ascii_text):
        glued: list[str] = []
        glue_end = -1
        for match in _WORD.finditer(chunk):
            token = match.group(0)
            # digits belong to the word they touch: `oauth2`, `v1beta1`, `k8s`, `line1`, as a
            # person writes them (`oauth_2` is a name nobody would write); `HTTP2Server` still
            # splits before the capital
            if glued and match.start() == glue_end and (
                token[0].isdigit() and not glued[-1][-1].isdigit()
                or glued[-1][-1].isdigit() and token.islower() and token.isalpha()
                or glued[-1] == "o" and token == "Auth"  # OAuth is one word
            ):
                glued[-1] += token.lower()
            else:
                glued.append(token.lower())
            glue_end = match.end()
        out.extend(glued)
    return tuple(out)


def snake(text: str) -> str:
    return "_".join(words(text))


def pascal(text: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words(text))


def camel(text: str) -> str:
    p = pascal(text)
    return p[:1].lower() + p[1:]


# Verbs that, as the last static segment after a parameter, name an action on
# that resource rather than a sub-resource (`/uploads/{id}/complete`).
ACTION_VERBS = frozenset(
    """
    abort accept activate add approve archive assign attach authorize block cancel capture check
    claim clear clone close commit complete confirm connect copy count deactivate decline delete
    deny detach disable dismiss download duplicate enable end execute expire export finalize
    finish follow fork generate hide import install invite join kill leave link lock login logout
    mark merge mute move pause pay pin preview process publish purge reactivate read reboot
    redeem refresh refund reject release reload remove rename renew reopen replace reply report
    request resend reset resize restart restore resume retry revert revoke rollback run search
    send set share sign start stop submit subscribe suspend sync test transfer trigger unarchive
    unassign unblock unfollow unhide uninstall unlink unlock unmute unpin unpublish unsubscribe
    unsuspend update upgrade upload validate verify void watch
    """.split()
)


_PREFIX_WORDS = frozenset({"rest", "api"})
_VERSION = re.compile(r"v[0-9]+[a-z0-9]*|[0-9]+(?:\.[0-9]+)*|[0-9]{4}-[0-9]{2}-[0-9]{2}")

# verbs an operationId or a path's last segment may start with that mean the method the path
# already gives (they never make a method name of their own)
CRUD_VERBS = frozenset("get list retrieve fetch read find create add post new put update modify edit patch "
                       "set change save replace upsert delete remove destroy".split())
# verbs every target spells like `retrieve` or `create` (Go: Get, New): no alternative to them
_READ_OR_MAKE = frozenset("get retrieve fetch read find create new add post".split())
# a static last segment that is one of these (after a static one) is an action on its parent:
# `/organization/certificates/activate`, `/containers/create`, `/images/get`, `/responses/compact`
_LEAF_VERBS = ACTION_VERBS | frozenset("create get list delete update compact prune init load save inspect "
                                        "build".split())
# words of an operationId that join others and name nothing
_FILLER = frozenset("a an the by for of in on to from with method".split())
_TRUTHY = frozenset({"true", "1", "yes", "on"})
_FORMATS = frozenset({"json", "xml", "yaml", "csv"})
_FORMAT_SUFFIX = re.compile(r"(?<=[A-Za-z0-9}])\.(?:json|xml|yaml|csv)$", re.IGNORECASE)


def is_param_segment(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


@dataclass(frozen=True)
class Naming:
    """Where an operation sits and what it is called, with the rule that decided it (``--report``)."""

    resource: tuple[str, ...]
    name: str
    rule: str
    # names to try, in order, when another operation already took ``resource.name``
    alternatives: tuple[tuple[tuple[str, ...], str, str], ...] = ()


def split_query(path: str) -> tuple[str, list[tuple[str, str]]]:
    """``/responses?beta=true`` -> (``/responses``, [("beta", "true")]): a path key that carries a
    query string (OpenAPI does not allow one, OpenAI's spec has them) names by its path alone."""
    bare, _, query = path.partition("?")
    pairs = []
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if key:
            pairs.append((key, value))
    return bare, pairs


def _forms(word: str) -> set[str]:
    return {word, singular(word), word + "s"}


def _resource_words(resource: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for segment in resource:
        for word in segment.split("_"):
            out |= _forms(word)
        out |= _forms(segment.replace("_", ""))
    return out


def action_words(operation_id: str | None, resource: tuple[str, ...]) -> list[str]:
    """The words of an operationId that are left once the resource's own words and fillers go:
    ``cancelEvalRun`` on evals.runs -> [cancel]; ``createThreadAndRun`` on threads -> [create, and, run]."""
    if not operation_id:
        return []
    taken = _resource_words(resource)
    kept = [w for w in words(operation_id) if w not in taken and w not in _FILLER]
    while kept and kept[-1] == "and":
        kept.pop()
    return kept


def _crud_name(method: str, ends_with_param: bool, collection_hint: bool) -> str:
    if method == "get":
        return "retrieve" if ends_with_param or not collection_hint else "list"
    if method == "post":
        return "update" if ends_with_param else "create"
    if method in ("put", "patch"):
        return "update"
    if method == "delete":
        return "delete"
    return snake(method)


def _strip_versions(segments: list[str]) -> list[str]:
    # drop a leading version prefix and the `rest` / `api` words around it (`/rest/api/3/issue`,
    # `/api/v1/pods`, `/2010-04-01/Accounts`) when something follows it; `/api/things` keeps `api`
    run = 0
    while run < len(segments) and (segments[run].lower() in _PREFIX_WORDS or _VERSION.fullmatch(segments[run])):
        run += 1
    last_version = max((i for i in range(run) if _VERSION.fullmatch(segments[i])), default=-1)
    if 0 <= last_version < len(segments) - 1:
        segments = segments[last_version + 1 :]
    if segments and re.fullmatch(r"v[0-9]+[a-z0-9]*", segments[0]):
        segments = segments[1:]
    # a number standing alone between other segments is a version too (`/rest/atlassian-connect/1/addons`,
    # Box's `/folders/0`): it names nothing a user calls
    kept = [s for s in segments if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", s)]
    if not any(not is_param_segment(s) for s in kept):
        return segments
    # the representation is not part of the name: Twilio's `/Accounts/{Sid}/Calls.json`, Docker's
    # `/containers/json`
    unformatted = [_FORMAT_SUFFIX.sub("", s) if not is_param_segment(s) else s for s in kept]
    unformatted = [s for s in unformatted if s.lower() not in _FORMATS]
    return unformatted if any(not is_param_segment(s) for s in unformatted) else kept


def derive(method: str, path: str, operation_id: str | None, collection_hint: bool,
           terminal: bool = True, path_methods: frozenset[str] = frozenset()) -> Naming:
    """Resource path and method name for an operation, and the rule that gave them.

    ``collection_hint`` tells a ``GET`` on a static last segment whether it returns a collection
    (``list``) or a singleton (``retrieve``); ``terminal`` that no other path of the spec lies
    below this one (so its last segment may be an action rather than a resource);
    ``path_methods`` the verbs the spec has on this path (empty: this one alone). A segment that
    takes a GET among other verbs is a resource (`/repos/{owner}/{repo}/import`), not an action.
    """
    others = path_methods - {method}
    actionable = not others or "get" not in path_methods
    path, query = split_query(path)
    segments = [_FORMAT_SUFFIX.sub("", s) if s.startswith("{") else s for s in path.split("/") if s]
    custom: str | None = None
    if segments:
        match = re.fullmatch(r"(.*[^:]):([A-Za-z][A-Za-z0-9_]*)", segments[-1])
        if match:  # Google-style custom method: `/things/{id}:archive`
            segments[-1], custom = match.group(1), snake(match.group(2))
    if len(segments) == 1 and "." in segments[0] and not is_param_segment(segments[0]):
        # RPC style (`/admin.apps.approve`): dotted words are resources, the last one the method
        *groups, verb = [part for part in segments[0].split(".") if part]
        if groups:
            return Naming(tuple(snake(g) for g in groups), snake(verb), "dotted RPC path")
    segments = _strip_versions(segments)
    op_words = words(operation_id) if operation_id else []
    action: str | None = None
    rule = ""
    if len(segments) >= 2 and not is_param_segment(segments[-1]):
        last_words = words(segments[-1])
        parent = tuple(snake(s) for s in segments[:-1] if not is_param_segment(s))
        if is_param_segment(segments[-2]):
            if last_words and actionable and (
                last_words[0] in ACTION_VERBS and len(last_words) <= 2
                or (op_words and op_words[0] == last_words[0] and method != "get")
            ):
                action, rule = "_".join(last_words), f"action segment `{segments[-1]}` after a parameter"
            elif (method == "get" and terminal and not others and len(last_words) == 1
                  and singular(last_words[0]) == last_words[0] and not collection_hint):
                # `/files/{file_id}/content`: a thing of the item, read by a method named for it
                action, rule = last_words[0], f"singular segment `{segments[-1]}` of an item"
            elif parent and snake(segments[-1]) == parent[-1]:
                # `/teams/{team_id}/teams`: a resource inside one of its own kind
                rest = action_words(operation_id, parent)
                crud = _crud_name(method, False, collection_hint)
                action = "_".join(rest) if rest and rest[0] not in CRUD_VERBS - {crud} else f"{crud}_{snake(segments[-1])}"
                rule = f"segment `{segments[-1]}` repeats its resource"
        elif terminal and last_words and actionable:
            rest = action_words(operation_id, parent)
            named = bool(op_words) and all(_forms(w) & set(op_words) for w in last_words)
            if last_words[0] in _LEAF_VERBS and len(last_words) <= 2:
                # Docker's `/images/get` is `ImageGetAll`: the operationId says what is got
                action = "_".join(rest if rest and rest[0] == last_words[0] in CRUD_VERBS else last_words)
                rule = f"verb segment `{segments[-1]}` after `{segments[-2]}`"
            elif method != "get" and rest and rest == last_words:
                action, rule = "_".join(last_words), f"the operationId names `{segments[-1]}` as its action"
            elif rest and not named and method != "get" and (rest[0] in CRUD_VERBS or rest[0] in ACTION_VERBS) \
                    and len(rest) <= 3:
                # `/images/generations` (createImage), `/containers/json` (ContainerList): the last
                # segment is how the API spells the call, not a thing the operationId acts on
                verb = rest[0]
                base = _crud_name(method, False, collection_hint) if verb in CRUD_VERBS else verb
                action = "_".join([base, *rest[1:]])
                rule = f"operationId `{operation_id}` acts on `{segments[-2]}`, not on `{segments[-1]}`"
        if action is not None:
            segments = segments[:-1]
    if custom is not None:
        action, rule = custom, "custom method after `:`"
    static = [snake(s) for s in segments if not is_param_segment(s)]
    static = [s for s in static if s] or ["client"]
    resource = tuple(static)
    ends_with_param = bool(segments) and is_param_segment(segments[-1])
    if action is not None:
        name = action
    else:
        name = _crud_name(method, ends_with_param, collection_hint)
        rule = f"{method.upper()} on {'an item' if ends_with_param else 'a collection' if name == 'list' else 'a path'}"
        rest = action_words(operation_id, resource)
        if rest and rest[0] in ACTION_VERBS and rest[0] not in CRUD_VERBS and name in ("update", "create") \
                and singular(rest[0]) not in {singular(r) for r in resource}:
            # POST /evals/{eval_id}/runs/{run_id} is `cancelEvalRun`: the operationId names the action
            name, rule = "_".join(rest), f"operationId `{operation_id}` names the action"
    flags = [key for key, value in query if (value.lower() in _TRUTHY or not value) and snake(key)]
    if flags:
        # `/responses?beta=true`: the same call in a namespace of its own (`client.beta.responses`)
        resource = tuple(snake(k) for k in flags) + resource
        rule += f"; query `{'&'.join(k for k in flags)}` makes a namespace"
    alternatives: list[tuple[tuple[str, ...], str, str]] = []
    rest = action_words(operation_id, resource)
    if rest and "_".join(rest) != name and not set(rest) <= _READ_OR_MAKE:  # `get` beside `retrieve` names nothing
        alternatives.append((resource, "_".join(rest), f"operationId `{operation_id}` without the resource's words"))
    if len(resource) > 1 and not ends_with_param and action is None and operation_id:
        up = action_words(operation_id, resource[:-1])
        if up and not set(up) <= _READ_OR_MAKE:
            alternatives.append((resource[:-1], "_".join(up), f"operationId `{operation_id}` on `{resource[-2]}`"))
    for key, value in query:
        if value and value.lower() not in _TRUTHY and snake(value):
            alternatives.append((resource, snake(f"{name}_{value}"), f"query `{key}={value}`"))
    if operation_id and snake(operation_id) != name:
        alternatives.append((resource, snake(operation_id), f"operationId `{operation_id}`"))
    alternatives.append((resource, f"{name}_{snake(method)}", f"{name} by {method.upper()}"))
    return Naming(resource, name, rule, tuple(alternatives))


def derive_names(method: str, path: str, operation_id: str | None, collection_hint: bool,
                 terminal: bool = True, path_methods: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], str]:
    naming = derive(method, path, operation_id, collection_hint, terminal, path_methods)
    return naming.resource, naming.name


def singular(word: str) -> str:
    """A rough English singular for resource names (``uploads`` -> ``upload``)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]
