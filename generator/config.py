"""The sdkforge settings file (``<spec stem>.sdkforge.yaml``).

Everything is optional: without a file, names are derived from ``info.title``.  The whole file is
checked against one typed description (:data:`SCHEMA`) before any of it is used: a value of the
wrong type anywhere is an error at its line and column naming the key and the type it needs, and
an unknown key is an error too (with the nearest known key), so that a typo never passes silently.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Union

from .diagnostics import Diagnostics, Location, SpecError, did_you_mean, printable
from .ir import naming
from .openapi.load import Document, load_file


@dataclass
class PageScheme:
    name: str
    style: str = "cursor"  # cursor | offset | page | next_link | link_header (the last two: detected only)
    request_cursor: str | None = None
    request_limit: str | None = None
    items: str = "data"  # "" (detected link_header only): the body is the array of items
    has_more: str | None = None
    next_cursor: str | None = None
    # where the next cursor (cursor) or the next page's URL (next_link) is: keys from the body down
    next_path: tuple[str, ...] = ()
    detected: bool = False  # recognised from the spec (generator/ir/pages.py), not configured

    @property
    def cursor_param(self) -> str | None:
        """The query parameter a page type sets for the next page (configured, else its style's usual one)."""
        return self.request_cursor or {"cursor": "after", "offset": "offset", "page": "page"}.get(self.style)


@dataclass
class ResourceOverride:
    # operationId -> method name
    methods: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Placement:
    """One entry of the config's ``layout`` tree: the endpoint (``METHOD /path`` or an operationId)
    that ``resource.name`` calls, or (``name`` None) a move of every operation derived under the
    resource ``endpoint`` (dotted) to ``resource``.  Names are the IR's lower-case words."""

    resource: tuple[str, ...]
    name: str | None
    endpoint: str
    loc: Location


@dataclass
class Metadata:
    """What the packages' manifests say about the SDK (the config's ``metadata`` block)."""

    authors: list[str] = field(default_factory=list)  # "Name" or "Name <email>", one line each
    homepage: str | None = None  # http(s) URLs
    repository: str | None = None
    keywords: list[str] = field(default_factory=list)


@dataclass
class Config:
    name: str | None = None
    version: str | None = None  # every SDK's version (each target checks it for its ecosystem)
    metadata: Metadata = field(default_factory=Metadata)
    env_api_key: str | None = None
    env_base_url: str | None = None
    env_log: str | None = None
    base_url: str | None = None
    # the docs' base for links in descriptions that start with "/" (the vendor's site); None: the
    # origin of the spec's first server URL
    docs_link_base: str | None = None
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)
    pagination: list[PageScheme] = field(default_factory=list)
    detect_pagination: bool = True  # recognise page schemes from the spec (generator/ir/pages.py)
    # operationId -> (resource path, method name, where the config names it)
    operation_names: dict[str, tuple[tuple[str, ...], str, Location]] = field(default_factory=dict)
    # the ``layout`` tree, in the order it is written (an endpoint placed twice: the first is its name,
    # the others aliases)
    layout: list[Placement] = field(default_factory=list)
    # the spec's schema name -> (the name every SDK gives the model, where the config says so)
    model_names: dict[str, tuple[str, Location]] = field(default_factory=dict)
    # ``streaming``: an endpoint (``METHOD /path`` or an operationId) whose success response the spec
    # does not declare as events, but which streams them when the body's ``stream`` is true -> (the
    # schema of one event, "" for the JSON response's own; where the config says so)
    streams: dict[str, tuple[str, Location]] = field(default_factory=dict)
    allow_remote_refs: bool = False
    allow_refs_outside_root: bool = False  # deprecated: `root` says which folder references may reach
    root: Path | None = None  # the folder references may reach (resolved), see generator/openapi/root.py
    source: Document | None = None

    def target(self, name: str) -> dict[str, Any]:
        return self.targets.get(name, {}) or {}

    def loc(self, *tokens: str | int) -> Location | None:
        """Where a setting is written in the config file (None without a file): for diagnostics
        about a configured value the targets cannot use."""
        return Location(self.source.display).child(*tokens) if self.source is not None else None


# ------------------------------------------------------------------ the config's types
# Every node says what it is for (``doc``), what a missing key stands for (``default``, one value, or
# ``derived``, in words) and a value it accepts (``example``): the JSON Schema (`sdkforge config
# schema`), the key reference (`sdkforge config docs`, the README) and the tests all read them here.
class Str(NamedTuple):
    """A string; ``choices``: one of these."""

    choices: tuple[str, ...] = ()
    doc: str = ""
    default: Any = None
    derived: str = ""
    example: Any = None


class Bool(NamedTuple):
    doc: str = ""
    default: Any = None
    derived: str = ""
    example: Any = None


class Fields(NamedTuple):
    """A mapping of known keys; any other key is an error."""

    fields: dict[str, "Spec"]
    required: tuple[str, ...] = ()
    doc: str = ""


class MapOf(NamedTuple):
    """A mapping whose keys are the user's (operationIds, resource paths) and values all one type;
    ``key`` names what the keys are (the docs' placeholder), ``example_key`` is one."""

    value: "Spec"
    doc: str = ""
    key: str = ""
    example_key: str = ""


class ListOf(NamedTuple):
    item: "Spec"
    doc: str = ""


class Tree(NamedTuple):
    """A mapping of the user's keys whose values are each a ``leaf`` or a tree of their own; ``keys``
    are the tree's own keys (at any depth) with their types."""

    leaf: "Spec"
    keys: dict[str, "Spec"]
    doc: str = ""
    example: Any = None


Spec = Union[Str, Bool, Fields, MapOf, ListOf, Tree]
_WORD = re.compile(r"[A-Za-z0-9_.$@/-]+")


def _text(doc: str, example: Any, derived: str = "", choices: tuple[str, ...] = (), default: Any = None) -> Str:
    return Str(choices, doc, default, derived, example)


def _flag(doc: str, default: bool, example: bool | None = None) -> Bool:
    return Bool(doc, default, "", not default if example is None else example)


_VERSION = "This SDK's version, {} (pins it: no bump from what changed)."
SCHEMA = Fields({
    "name": _text("The API's display name; the SDKs' package, client and environment variable names derive "
                  "from it.", "OpenAI", "info.title"),
    "version": _text("Every SDK's version, pinned (each target checks it for its ecosystem); without it each "
                     "SDK's recorded version is bumped by what changed.", "2.3.0",
                     "info.version when it is MAJOR.MINOR.PATCH, else 0.1.0"),
    "metadata": Fields({
        "authors": ListOf(_text("An author: `Name` or `Name <email>`.", "Jane Doe <jane@example.com>"),
                          "The packages' authors (default: info.contact.name)."),
        "homepage": _text("The packages' homepage (an http(s) URL).", "https://platform.openai.com/docs",
                          "info.contact.url"),
        "repository": _text("The packages' source repository (an http(s) URL).",
                            "https://github.com/you/openai-sdks", "none"),
        "keywords": ListOf(_text("A keyword (one line of text).", "files"), "The packages' keywords."),
    }, doc="What the packages' manifests say about the SDK."),
    "env": Fields({
        "api_key": _text("Environment variable the clients read the API key from (an identifier).",
                         "OPENAI_API_KEY", "NAME_API_KEY (NAME: the name's words, upper case)"),
        "base_url": _text("Environment variable that overrides the clients' base URL.", "OPENAI_BASE_URL",
                          "NAME_BASE_URL"),
        "log": _text("Environment variable that turns on the clients' request log.", "OPENAI_LOG", "NAME_LOG"),
    }, doc="Environment variables the clients read."),
    "base_url": _text("The URL the clients send requests to.", "https://api.openai.com/v1",
                      "the spec's first server URL"),
    "docs": Fields({
        "link_base": _text("Where links by path in descriptions (`/docs/...`) lead in the docs (an http(s) "
                           "URL).", "https://platform.openai.com", "the origin of the spec's first server URL"),
    }, doc="Settings of the API reference docs."),
    "targets": Fields({
        "python": Fields({
            "package": _text("The import package.", "openai", "the name in snake_case"),
            "dist": _text("The distribution (PyPI project) name.", "openai", "the package"),
            "client": _text("The client class.", "OpenAI", "the name in PascalCase"),
            "async_client": _text("The async client class.", "AsyncOpenAI", "Async + the client"),
            "version": _text(_VERSION.format("a PEP 440 version"), "2.3.0", "the top-level `version`"),
        }, doc="The Python SDK."),
        "typescript": Fields({
            "package": _text("The npm package name.", "openai", "the name in kebab-case"),
            "client": _text("The client class (the package's default export).", "OpenAI", "the name in PascalCase"),
            "version": _text(_VERSION.format("a semantic version"), "2.3.0", "the top-level `version`"),
        }, doc="The TypeScript SDK."),
        "ruby": Fields({
            "gem": _text("The gem name (lower case).", "openai", "the name in snake_case"),
            "module": _text("The Ruby module (a constant) that holds the SDK.", "OpenAI", "the name in PascalCase"),
            "version": _text(_VERSION.format("a gem version"), "2.3.0", "the top-level `version`"),
        }, doc="The Ruby SDK."),
        "go": Fields({
            "module": _text("The Go module path.", "github.com/you/openai-go", "example.com/NAME-go"),
            "package": _text("The Go package name.", "openai", "the name's words in lower case"),
            "tests": _flag("Generate the module's tests (`go test` against a mock server).", True),
        }, doc="The Go SDK (its version is the git tag the changelog names)."),
    }, doc="Per-target names; each target checks the names for its language (an unusable one is replaced, "
           "with a warning)."),
    "pagination": ListOf(Fields({
        "name": _text("The page type's name.", "CursorPage"),
        "type": _text("How the next page is asked for.", "cursor", choices=("cursor", "offset", "page"),
                      default="cursor"),
        "request": Fields({
            "cursor": _text("The query parameter that carries the cursor (type `cursor`).", "after", "after"),
            "offset": _text("The query parameter that carries the offset (type `offset`).", "offset", "offset"),
            "page": _text("The query parameter that carries the page number (type `page`).", "page", "page"),
            "limit": _text("The query parameter that sets the page size.", "limit", "none"),
        }, doc="The list operation's query parameters."),
        "response": Fields({
            "items": _text("The response field that holds the page's items.", "data", default="data"),
            "has_more": _text("The response field that says whether more pages follow.", "has_more", "none"),
            "next_cursor": _text("The response field that holds the next cursor.", "last_id",
                                 "the last item's `id`"),
        }, doc="The list response's fields."),
    }, required=("name",), doc="A page scheme."),
        "Page schemes: a GET list operation that fits one gets its page type."),
    "detect_pagination": _flag("Recognise page schemes from the spec; false: only the configured ones.", True),
    "resources": MapOf(Fields({
        "methods": MapOf(_text("The method's name (an identifier).", "create"),
                         "operationId -> method name.", "operationId", "addUploadPart"),
    }, doc="The operations named into this resource (dotted: `uploads.parts`)."),
        "Names operations one at a time, keyed by the resource path (dotted) they go to.",
        "resource", "uploads.parts"),
    "layout": Tree(_text("`METHOD /path` or an operationId", "POST /uploads"),
                   {"from": _text("Moves every operation derived under this resource (dotted) here.", "uploads")},
                   "Where resources sit and what methods are called, over the derived names: a key holding a "
                   "mapping is a resource, a key holding a string a method calling that endpoint.",
                   {"uploads": {"start": "POST /uploads", "parts": {"add": "addUploadPart"}}}),
    "models": MapOf(_text("The model's name in every SDK (an identifier).", "Part"),
                    "Renames schemas of the spec (components.schemas) in every SDK and the docs.",
                    "schema", "UploadPart"),
    "streaming": MapOf(_text("The schema of one event (\"\" for the JSON response's own).", "Upload"),
                       "Endpoints that stream server-sent events when their body's `stream` is true, which "
                       "the spec says only in prose: a text/event-stream response beside the JSON.",
                       "endpoint", "POST /uploads"),
    "allow_remote_refs": _flag("Fetch remote $refs (http/https); false: they are refused, never fetched.", False),
    "allow_refs_outside_root": _flag("Deprecated: lifts every limit on the files a $ref may read (set `root`).",
                                     False, example=False),
    "root": _text("The folder $refs may reach, relative to this file (--root wins over it).", ".",
                  "the repository that holds the spec, else the spec's folder"),
})


def expected(spec: Spec) -> str:
    """The type a spec asks for, in words."""
    if isinstance(spec, Str):
        return "one of " + ", ".join(spec.choices) if spec.choices else "a string"
    if isinstance(spec, Bool):
        return "true or false"
    if isinstance(spec, ListOf):
        return f"a list of {expected(spec.item).removeprefix('a ')}s" if isinstance(spec.item, Str) and not \
            spec.item.choices else "a list"
    if isinstance(spec, MapOf) and isinstance(spec.value, Str):
        return "a mapping of strings"
    return "a mapping"


def _found(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _dotted(path: tuple[str | int, ...]) -> str:
    """A key's path as messages name it (``pagination[0].request.cursor``); a key of the user's that
    is not a plain word is quoted as a Python string would be (it may hold a newline or a backtick)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        text = str(part)
        if not _WORD.fullmatch(text):
            text = printable(repr(text))
        out += f".{text}" if out else text
    return out


def check(value: Any, spec: Spec, path: tuple[str | int, ...], root: Location, diags: Diagnostics) -> bool:
    """Check ``value`` (the node at ``path``) against ``spec``; report every problem at its place.
    True when the value is usable as it is.  A null is a value not given (every key is optional
    except a Fields' ``required``)."""
    loc = root.child(*path)
    key = _dotted(path) or "the config"
    hint = ""
    if isinstance(spec, Bool):
        if isinstance(value, bool):
            return True
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no", "on", "off"):
            hint = " (write it without quotes)"
    elif isinstance(spec, Str):
        if isinstance(value, str):
            if not spec.choices or value in spec.choices:
                return True
            near = difflib.get_close_matches(value, spec.choices, n=1)
            diags.error(f"`{key}` must be {expected(spec)}, not {value!r}"
                        + (f"; did you mean {near[0]!r}?" if near else ""), loc)
            return False
        if isinstance(value, (bool, int, float)):
            hint = " (quote it if it is meant as text)"
    elif isinstance(spec, ListOf):
        if isinstance(value, list):
            return all([value[i] is None or check(value[i], spec.item, (*path, i), root, diags)
                        for i in range(len(value))])
    elif isinstance(value, dict):
        if isinstance(spec, Tree):
            ok = True
            for k, item in value.items():
                sub = (*path, str(k))
                if item is None:
                    continue
                if str(k) in spec.keys:
                    ok = check(item, spec.keys[str(k)], sub, root, diags) and ok
                elif isinstance(item, dict):
                    ok = check(item, spec, sub, root, diags) and ok
                elif not check(item, spec.leaf, sub, root, Diagnostics()):
                    diags.error(f"`{_dotted(sub)}` must be {expected(spec.leaf)} or a mapping, not {_found(item)}",
                                root.child(*sub))
                    ok = False
            return ok
        if isinstance(spec, MapOf):
            return all([item is None or check(item, spec.value, (*path, str(k)), root, diags)
                        for k, item in value.items()])
        ok = True
        for k, item in value.items():
            if k not in spec.fields:
                diags.error(f"unknown config key `{_dotted((*path, str(k)))}`"
                            + (did_you_mean(str(k), spec.fields) or f" (known: {', '.join(spec.fields)})"),
                            root.child(*path, str(k)))
                ok = False
            elif item is not None:
                ok = check(item, spec.fields[k], (*path, k), root, diags) and ok
        for k in spec.required:
            if value.get(k) is None:
                diags.error(f"`{key}` needs `{k}` ({expected(spec.fields[k])})", loc)
                ok = False
        return ok
    diags.error(f"`{key}` must be {expected(spec)}, not {_found(value)}{hint}", loc)
    return False


# ------------------------------------------------------------------ loading
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_MODEL = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def config_path_for(spec_path: Path) -> Path:
    """Where the config of a spec is looked for: ``<stem>.sdkforge.yaml`` beside it."""
    return spec_path.with_name(spec_path.name.split(".")[0] + ".sdkforge.yaml")


def find_config(spec_path: Path) -> Path | None:
    candidate = config_path_for(spec_path)
    return candidate if candidate.is_file() else None


def load_config(path: Path | None, diags: Diagnostics) -> Config:
    if path is None:
        return Config()
    doc = load_file(path)
    diags.register(doc.display, doc)
    data = doc.data
    root = Location(doc.display)
    if data is None:
        return Config(source=doc)
    if not isinstance(data, dict):
        diags.error("the sdkforge config must be a mapping", root)
        raise SpecError(diags.errors())
    # every type first: what follows reads a checked tree
    if not check(data, SCHEMA, (), root, diags):
        raise SpecError(diags.errors())
    cfg = Config(source=doc)

    def given(mapping: Any, key: str) -> Any:
        return mapping.get(key) if isinstance(mapping, dict) else None

    cfg.name = data.get("name")
    env = data.get("env")
    for key in ("api_key", "base_url", "log"):
        value = given(env, key)
        if value is not None and not _IDENT.fullmatch(value):
            diags.error(f"`env.{key}`: environment variable name {value!r} is not a valid identifier "
                        "(ASCII letters, digits and _, not starting with a digit)", root.child("env", key))
            value = None
        setattr(cfg, f"env_{key}", value or None)
    cfg.base_url = data.get("base_url")
    cfg.version = data.get("version")
    cfg.metadata = _metadata(data.get("metadata") or {}, root.child("metadata"), diags)
    cfg.docs_link_base = _http_url(given(data.get("docs"), "link_base"), "docs.link_base",
                                   root.child("docs", "link_base"), diags)
    for name, settings in (data.get("targets") or {}).items():
        if isinstance(settings, dict):  # an unknown target's settings (warned about) are not read
            cfg.targets[str(name)] = {k: v for k, v in settings.items() if v is not None}
    seen: dict[str, int] = {}
    for index, entry in enumerate(data.get("pagination") or []):
        if entry is None:
            continue
        loc = root.child("pagination", index)
        name = entry["name"]
        if name in seen:
            diags.error(f"`pagination[{index}].name`: {name!r} already names pagination[{seen[name]}]",
                        loc.child("name"))
            continue
        seen[name] = index
        request = entry.get("request") or {}
        response = entry.get("response") or {}
        cfg.pagination.append(
            PageScheme(
                name=name,
                style=entry.get("type") or "cursor",
                request_cursor=request.get("cursor") or request.get("offset") or request.get("page"),
                request_limit=request.get("limit") or None,
                items=response.get("items") or "data",
                has_more=response.get("has_more") or None,
                next_cursor=response.get("next_cursor") or None,
                next_path=(response["next_cursor"],) if response.get("next_cursor") else (),
            )
        )
    cfg.detect_pagination = data.get("detect_pagination") is not False
    for res_name, res in (data.get("resources") or {}).items():
        loc = root.child("resources", str(res_name))
        resource = tuple(part for part in str(res_name).split(".") if part)
        for op_id, method in ((res or {}).get("methods") or {}).items():
            if method is None:
                continue
            key = _dotted(("resources", str(res_name), "methods", str(op_id)))
            at = loc.child("methods", str(op_id))
            if not _IDENT.fullmatch(method):
                diags.error(f"`{key}`: method name {method!r} must be an identifier (ASCII letters, digits "
                            "and _, not starting with a digit)", at)
            elif str(op_id) in cfg.operation_names:
                first = cfg.operation_names[str(op_id)]
                diags.error(f"`{key}`: the operation is already named `{'.'.join((*first[0], first[1]))}` above",
                            at)
            else:
                cfg.operation_names[str(op_id)] = (resource, method, at)
    _layout(data.get("layout") or {}, (), root, diags, cfg.layout)
    for schema, new in (data.get("models") or {}).items():
        loc = root.child("models", str(schema))
        if new is None:
            continue
        if not _MODEL.fullmatch(new):
            diags.error(f"`{_dotted(('models', str(schema)))}`: model name {printable(repr(new))} must be an "
                        "identifier starting with a letter (ASCII letters, digits and _)", loc)
            continue
        cfg.model_names[str(schema)] = (new, loc)
    for endpoint, event in (data.get("streaming") or {}).items():
        cfg.streams[str(endpoint)] = (event or "", root.child("streaming", str(endpoint)))
    cfg.allow_remote_refs = data.get("allow_remote_refs") is True
    cfg.allow_refs_outside_root = data.get("allow_refs_outside_root") is True
    if cfg.allow_refs_outside_root:
        diags.warning("`allow_refs_outside_root` is deprecated: it lifts every limit on the files a $ref may "
                      "read; set `root: DIR` (or pass --root DIR) to the folder that holds the referenced files",
                      root.child("allow_refs_outside_root"))
    folder = data.get("root")
    if folder is not None:
        cfg.root = _folder(doc.path.parent / folder, root.child("root"), diags)
    if diags.has_errors:
        raise SpecError(diags.errors())
    return cfg


def _layout(node: dict[Any, Any], at: tuple[str, ...], root: Location, diags: Diagnostics,
            out: list[Placement]) -> None:
    """The ``layout`` tree (already type-checked) as placements, each name checked: resource and
    method names are identifiers, a move stands inside a resource."""
    for key, value in node.items():
        path = ("layout", *at, str(key))
        loc = root.child(*path)
        if value is None:
            continue
        if str(key) == "from":
            if not at:
                diags.error("`layout.from`: a move needs a place; write it inside the resource it moves to", loc)
            else:
                out.append(Placement(tuple(naming.snake(part) for part in at), None, value.strip(), loc))
            continue
        if not _IDENT.fullmatch(str(key)) or not naming.snake(str(key)):
            diags.error(f"`{_dotted(path)}`: {'resource' if isinstance(value, dict) else 'method'} name "
                        f"{printable(repr(str(key)))} must be an identifier (ASCII letters, digits and _, not "
                        "starting with a digit)", loc)
            continue
        if isinstance(value, dict):
            _layout(value, (*at, str(key)), root, diags, out)
        else:
            out.append(Placement(tuple(naming.snake(part) for part in at), naming.snake(str(key)),
                                 " ".join(value.split()), loc))


_URL = re.compile(r"https?://[^\s<>\"'`\\]+")
_AUTHOR = re.compile(r"(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>\s@]+@[^<>\s@]+)>)?")


def _http_url(url: str | None, where: str, loc: Location, diags: Diagnostics) -> str | None:
    """A checked URL setting: an http(s) URL, else an error at its place (and None)."""
    if url is not None and not _URL.fullmatch(url):
        diags.error(f"`{where}` must be an http(s) URL without spaces or quotes, not {printable(repr(url))}", loc)
        return None
    return url


def _metadata(block: dict[str, Any], loc: Location, diags: Diagnostics) -> Metadata:
    """The ``metadata`` block, each value checked for the manifests it reaches: URLs are http(s)
    URLs, authors ``Name`` or ``Name <email>``, keywords one line; anything else is an error at
    its place."""
    out = Metadata()
    for key in ("homepage", "repository"):
        setattr(out, key, _http_url(block.get(key), f"metadata.{key}", loc.child(key), diags))
    for key in ("authors", "keywords"):
        for index, item in enumerate(block.get(key) or []):
            if item is None:
                continue
            if not item.strip() or not item.isprintable() or (key == "authors" and not _AUTHOR.fullmatch(item)):
                shape = "`Name` or `Name <email>`" if key == "authors" else "one line of visible text"
                diags.error(f"`metadata.{key}[{index}]` must be {shape}, not {printable(repr(item))}",
                            loc.child(key, index))
                continue
            getattr(out, key).append(" ".join(item.split()))
    return out


def author_parts(author: str) -> tuple[str, str]:
    """(name, email) of a checked ``metadata.authors`` entry; email "" when not given."""
    match = _AUTHOR.fullmatch(author)
    assert match is not None
    return match["name"], match["email"] or ""


def _folder(path: Path, loc: Location, diags: Diagnostics) -> Path | None:
    """``path`` resolved, when it is a folder; an error at ``loc`` otherwise."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # ValueError: a NUL in the name
        resolved = None
    if resolved is None or not resolved.is_dir():
        diags.error(f"`root`: {printable(repr(str(path)))} is not a folder", loc)
        return None
    return resolved
