"""Language-neutral naming: word splitting, and resource/method names from paths.

The IR stores resource and method names as lower-case words joined by ``_``
("fine_tuning", "list_events"); each target cases them its own way.
"""

from __future__ import annotations

import functools
import re
import unicodedata

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
        out.extend(match.group(0).lower() for match in _WORD.finditer(chunk))
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


def is_param_segment(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def derive_names(method: str, path: str, operation_id: str | None, collection_hint: bool) -> tuple[tuple[str, ...], str]:
    """Resource path and method name for an operation.

    ``collection_hint`` tells a ``GET`` on a static last segment whether it returns
    a collection (``list``) or a singleton (``retrieve``).
    """
    segments = [s for s in path.split("/") if s]
    custom: str | None = None
    if segments:
        match = re.fullmatch(r"(.*[^:]):([A-Za-z][A-Za-z0-9_]*)", segments[-1])
        if match:  # Google-style custom method: `/things/{id}:archive`
            segments[-1], custom = match.group(1), snake(match.group(2))
    if len(segments) == 1 and "." in segments[0] and not is_param_segment(segments[0]):
        # RPC style (`/admin.apps.approve`): dotted words are resources, the last one the method
        *groups, verb = [part for part in segments[0].split(".") if part]
        if groups:
            return tuple(snake(g) for g in groups), snake(verb)
    # drop a leading version prefix and the `rest` / `api` words around it (`/rest/api/3/issue`,
    # `/api/v1/pods`, `/2010-04-01/Accounts`) when something follows it; `/api/things` keeps `api`
    run = 0
    while run < len(segments) and (segments[run].lower() in _PREFIX_WORDS or _VERSION.fullmatch(segments[run])):
        run += 1
    last_version = max((i for i in range(run) if _VERSION.fullmatch(segments[i])), default=-1)
    if 0 <= last_version < len(segments) - 1:
        segments = segments[last_version + 1 :]
    # drop a leading version prefix such as v1 / v2beta
    if segments and re.fullmatch(r"v[0-9]+[a-z0-9]*", segments[0]):
        segments = segments[1:]
    op_words = words(operation_id) if operation_id else []
    action: str | None = None
    if len(segments) >= 2 and not is_param_segment(segments[-1]) and is_param_segment(segments[-2]):
        last = segments[-1]
        last_words = words(last)
        if last_words and (
            last_words[0] in ACTION_VERBS and len(last_words) <= 2
            or (op_words and op_words[0] == last_words[0] and method != "get")
        ):
            action = "_".join(last_words)
            segments = segments[:-1]
    if custom is not None:
        action = custom
    static = [snake(s) for s in segments if not is_param_segment(s)]
    static = [s for s in static if s] or ["client"]
    resource = tuple(static)
    ends_with_param = bool(segments) and is_param_segment(segments[-1])
    if action is not None:
        name = action
    elif method == "get":
        name = "retrieve" if ends_with_param or not collection_hint else "list"
    elif method == "post":
        name = "update" if ends_with_param else "create"
    elif method in ("put", "patch"):
        name = "update"
    elif method == "delete":
        name = "delete"
    else:
        name = snake(method)
    return resource, name


def singular(word: str) -> str:
    """A rough English singular for resource names (``uploads`` -> ``upload``)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]
