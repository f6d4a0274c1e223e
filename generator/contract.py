"""The wire contract: what every HTTP request of the API looks like, decided once, language-neutrally.

Built from the IR and the config right after the IR (``pipeline.load_api``), before any target
runs.  Every SDK target and the docs read it and only *spell* it; none of them works out auth,
parameter serialization, encodings, ``Accept``, response kinds, the base URL or the SDK's names on
its own.  The rules the runtimes implement are in ``docs/WIRE.md``; the conformance test
(``tests/test_wire_conformance.py``) checks that the four SDKs send byte-equivalent requests.

What it decides
---------------
* **names**: the client's words (``BoxPlatform``), the environment variable prefix
  (``BOX_PLATFORM``), each credential's option key and environment variable, the base-URL variable;
* **auth**: each security scheme as a :class:`AuthScheme` (bearer, basic or API key in a header,
  query or cookie; OAuth2 and OpenID Connect send their token as bearer), and for each operation the
  alternatives of schemes it accepts (``()`` in the list: anonymous access is allowed);
* **parameters**: location, wire name, style and explode with the OpenAPI defaults filled in;
* **request encoding**: json, multipart, form, binary, text or none, with multipart/form field
  encodings;
* **responses**: the ``Accept`` header and the response kind (json, text, binary, sse, empty);
* **base URL**: the first server with its variables filled from their defaults; a relative or
  missing server leaves it unset, with a warning, and the clients ask for ``base_url``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from .config import Config
from .diagnostics import Diagnostics
from .ir import naming
from .ir.model import Api, MediaBody, Operation, Parameter, PrimitiveType, TypeNode

AuthKind = Literal["bearer", "basic", "api_key"]
RequestKind = Literal["json", "multipart", "form", "binary", "text", "none"]
ResponseKind = Literal["json", "text", "binary", "sse", "empty"]
ValueShape = Literal["primitive", "array", "object"]


@dataclass(frozen=True)
class Credential:
    """One value the client is given (an option of its constructor, read from ``env`` if unset)."""

    key: str  # neutral snake_case option name: "api_key", "username", "password", "admin_key"
    env: str  # environment variable it falls back to


@dataclass(frozen=True)
class AuthScheme:
    """A security scheme as it goes on the wire."""

    name: str  # the spec's scheme name (the key in components.securitySchemes)
    kind: AuthKind
    location: Literal["header", "query", "cookie"]
    wire_name: str  # header, query or cookie name ("Authorization" for bearer and basic)
    credentials: tuple[Credential, ...]  # bearer / api_key: one; basic: username, password
    description: str | None = None

    @property
    def prefix(self) -> str:
        """What goes before the credential in the header value."""
        return {"bearer": "Bearer ", "basic": "Basic "}.get(self.kind, "")


@dataclass(frozen=True)
class ParamWire:
    name: str  # wire name
    location: Literal["path", "query", "header", "cookie"]
    style: str  # simple | label | matrix | form | spaceDelimited | pipeDelimited | deepObject
    explode: bool
    required: bool
    shape: ValueShape


@dataclass(frozen=True)
class FieldEncoding:
    """How one property of a multipart or form body is sent."""

    name: str  # wire name
    shape: ValueShape
    file: bool = False  # binary content: a file part
    json: bool = False  # sent as one part holding JSON (encoding.contentType application/json)
    content_type: str | None = None  # a file part's or JSON part's declared content type
    # form bodies: the encoding's style and explode (OpenAPI defaults: form, explode true)
    style: str = "form"  # form | spaceDelimited | pipeDelimited | deepObject
    explode: bool = True


@dataclass(frozen=True)
class RequestWire:
    kind: RequestKind
    media_type: str | None  # the Content-Type sent (multipart's boundary added by the client)
    fields: tuple[FieldEncoding, ...] = ()  # multipart and form bodies: one per declared property
    required: bool = False


@dataclass(frozen=True)
class OperationWire:
    security: tuple[tuple[str, ...], ...]  # alternatives of scheme names; () inside: anonymous allowed
    params: tuple[ParamWire, ...]
    request: RequestWire
    accept: str | None  # the Accept header, None for no content (with stream_flag: the flag off)
    response: ResponseKind  # what a call returns (with stream_flag: the flag off)
    response_media_type: str | None
    # the boolean property of a JSON request body that turns the answer into server-sent events
    # (OpenAI's `stream`), when the success response offers events and something else: the call,
    # never the answer's content type, decides between `response` and a stream
    stream_flag: str | None = None
    stream_accept: str | None = None  # the Accept header of a call with the flag on

    @property
    def needs_auth(self) -> bool:
        return bool(self.security) and () not in self.security

    @property
    def always_streams(self) -> bool:
        """Every call answers server-sent events (no flag picks another kind)."""
        return self.response == "sse"


@dataclass(frozen=True)
class Names:
    """What the SDK is called, the same in every language (each target spells the words)."""

    words: tuple[str, ...]  # the client's words, spelled by each target: ("Box", "Platform")
    env_prefix: str  # "BOX_PLATFORM"
    env_base_url: str
    env_log: str

    @property
    def client(self) -> str:
        """The client's name in PascalCase, keeping upper-case words ("OpenAI", "GitHubREST")."""
        return "".join(w if w[0].isupper() else w.capitalize() for w in self.words)

    @property
    def snake(self) -> str:
        return "_".join(w.lower() for w in self.words)

    @property
    def kebab(self) -> str:
        return "-".join(w.lower() for w in self.words)


@dataclass
class Contract:
    names: Names
    schemes: list[AuthScheme]
    base_url: str | None  # None: the clients require ``base_url``
    base_url_relative: str | None  # a relative server URL the spec gave (documentation only)
    operations: dict[int, OperationWire] = field(default_factory=dict)  # id(Operation) -> wire

    def of(self, op: Operation) -> OperationWire:
        wire = self.operations.get(id(op))
        if wire is None:  # an operation made after the contract (tests building IR by hand)
            wire = self.operations[id(op)] = operation_wire(op, self, None)
        return wire

    @property
    def credentials(self) -> list[Credential]:
        """Every credential the client takes, in scheme order, once each."""
        seen: dict[str, Credential] = {}
        for scheme in self.schemes:
            for cred in scheme.credentials:
                seen.setdefault(cred.key, cred)
        return list(seen.values())

    def scheme(self, name: str) -> AuthScheme | None:
        return next((s for s in self.schemes if s.name == name), None)

    @property
    def primary_credential(self) -> Credential | None:
        creds = self.credentials
        return creds[0] if creds else None


# ----------------------------------------------------------------------------- names

_TITLE_WORDS = re.compile(r"[A-Za-z0-9]+")


def title_words(title: str) -> tuple[str, ...]:
    """The SDK's words from the display name: its words less a trailing "API" ("Box Platform API"
    -> Box, Platform); an empty result is ("Client",)."""
    words = _TITLE_WORDS.findall(title)
    if len(words) > 1 and words[-1].lower() == "api":
        words = words[:-1]
    if words and words[0][0].isdigit():
        words = ["Api", *words]
    return tuple(words) or ("Client",)


def sdk_names(api: Api, config: Config) -> Names:
    words = title_words(config.name or api.title)
    prefix = "_".join(w.upper() for w in words)
    return Names(words=words, env_prefix=prefix, env_base_url=config.env_base_url or f"{prefix}_BASE_URL",
                 env_log=config.env_log or f"{prefix}_LOG")


# ----------------------------------------------------------------------------- auth

_DROP_WORDS = {"auth", "authentication", "authorization", "scheme", "security"}


def _scheme_kind(scheme: Any) -> tuple[AuthKind, str, str] | None:
    """(kind, location, wire name) of an IR security scheme, None when it sends nothing we know."""
    kind = (scheme.type or "").lower()
    if kind == "http":
        http = (scheme.scheme or "").lower()
        if http == "basic":
            return "basic", "header", "Authorization"
        return "bearer", "header", "Authorization"  # bearer and every other http scheme: a token
    if kind in ("oauth2", "openidconnect"):
        return "bearer", "header", "Authorization"
    if kind == "apikey" and scheme.location in ("header", "query", "cookie") and scheme.param_name:
        return "api_key", scheme.location, scheme.param_name
    return None


def auth_schemes(api: Api, config: Config, names: Names, diags: Diagnostics | None) -> list[AuthScheme]:
    """The API's schemes with their credentials named.  With one token-like scheme (the common
    case) its credential is ``api_key``; with several, each is named from the scheme's name
    ("AdminApiKey" -> ``admin_api_key``), and basic schemes take ``username``/``password``."""
    kinds = [(s, _scheme_kind(s)) for s in api.security]
    usable = [(s, k) for s, k in kinds if k is not None]
    for scheme, kind in kinds:
        if kind is None and diags is not None:
            diags.warning(f"security scheme {scheme.name!r} ({scheme.type}) is not supported; requests that need "
                          "it are sent without it", scheme.source)
    tokens = [s for s, k in usable if k[0] != "basic"]
    basics = [s for s, k in usable if k[0] == "basic"]
    taken: set[str] = set()
    out: list[AuthScheme] = []
    # a credential is a client option beside the client's resources: Discord's OAuth2 scheme must not
    # take `oauth2` from `client.oauth2`
    resources = {r.name for r in api.resources}

    def claim(key: str, kind: str = "") -> str:
        if key in resources:
            key = f"{key}_{'token' if kind == 'bearer' else 'key'}"
        name, n = key, 2
        while name in taken:
            name, n = f"{key}_{n}", n + 1
        taken.add(name)
        return name

    first_token = True
    for scheme, kind in usable:
        assert kind is not None
        if kind[0] == "basic":
            base = "" if len(basics) == 1 else _scheme_words(scheme.name) + "_"
            creds = tuple(Credential(claim(f"{base}{part}"), "") for part in ("username", "password"))
        else:
            key = "api_key" if len(tokens) == 1 else _scheme_words(scheme.name)
            if len(tokens) > 1 and first_token and key != "api_key" and "api_key" not in taken and \
                    config.env_api_key:
                key = "api_key"  # the configured API-key variable names the first scheme's credential
            creds = (Credential(claim(key, kind[0]), ""),)
            first_token = False
        out.append(AuthScheme(name=scheme.name, kind=kind[0], location=kind[1],  # type: ignore[arg-type]
                              wire_name=kind[2], credentials=creds, description=scheme.description))
    # environment variables: PREFIX_KEY, the first token credential's from the config when given
    envs: dict[str, str] = {}
    for scheme in out:
        for cred in scheme.credentials:
            if cred.key in envs:
                continue
            env = f"{names.env_prefix}_{cred.key.upper()}"
            if cred.key == "api_key" and config.env_api_key:
                env = config.env_api_key
            envs[cred.key] = env
    return [AuthScheme(name=s.name, kind=s.kind, location=s.location, wire_name=s.wire_name,
                       credentials=tuple(Credential(c.key, envs[c.key]) for c in s.credentials),
                       description=s.description) for s in out]


def _scheme_words(name: str) -> str:
    parts: list[str] = []
    for word in (w.lower() for w in naming.words(name)):
        if parts and word.isdigit():
            parts[-1] += word  # "user_2" -> user2 ("OAuth2" is one word already)
        else:
            parts.append(word)
    kept = [w for w in parts if w not in _DROP_WORDS] or parts or ["key"]
    key = "_".join(kept)
    if key[0].isdigit():
        key = "key_" + key
    return key


def _requirements(raw: list[dict[str, list[str]]] | None, known: set[str]) -> tuple[tuple[str, ...], ...]:
    """Security alternatives as tuples of known scheme names.  An alternative naming a scheme we
    cannot send is dropped (unless nothing else is left: then the request goes without it)."""
    if raw is None:
        return ()
    out: list[tuple[str, ...]] = []
    for alt in raw:
        names = tuple(n for n in alt if n in known)
        if len(names) < len(alt) and names == ():
            continue  # only unsupported schemes: cannot satisfy it
        if names not in out:
            out.append(names)
    if raw and not out:
        return ((),)  # every alternative needs an unsupported scheme: send without auth
    return tuple(out)


# ----------------------------------------------------------------------------- parameters

def value_shape(api: Api, node: TypeNode) -> ValueShape:
    from .ir.model import ArrayType, MapType, ObjectType

    resolved = api.resolve(node)
    if isinstance(resolved, ArrayType):
        return "array"
    if isinstance(resolved, (ObjectType, MapType)):
        return "object"
    return "primitive"


_STYLES = {
    "path": ("simple", "label", "matrix"),
    "query": ("form", "spaceDelimited", "pipeDelimited", "deepObject"),
    "header": ("simple",),
    "cookie": ("form",),
}
_DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}


def param_wire(api: Api, param: Parameter, diags: Diagnostics | None) -> ParamWire:
    shape = value_shape(api, param.type)
    style = param.style or _DEFAULT_STYLE[param.location]
    if style not in _STYLES[param.location]:
        if diags is not None:
            diags.warning(f"style {style!r} is not allowed for a {param.location} parameter; using "
                          f"{_DEFAULT_STYLE[param.location]!r}", param.source)
        style = _DEFAULT_STYLE[param.location]
    if style in ("spaceDelimited", "pipeDelimited") and shape == "primitive":
        style = "form"
    explode = param.explode if param.explode is not None else style == "form"
    return ParamWire(name=param.name, location=param.location, style=style, explode=explode,
                     required=param.required or param.location == "path", shape=shape)


# ----------------------------------------------------------------------------- media

def _mime(media_type: str) -> str:
    return media_type.split(";")[0].strip().lower()


def is_binary_media(media: MediaBody, api: Api) -> bool:
    mt = _mime(media.media_type)
    if media.is_json or media.is_multipart or media.is_form or media.is_event_stream:
        return False
    if mt.startswith("text/") or mt.endswith("+xml") or mt in ("application/xml", "application/yaml"):
        node = api.resolve(media.type)
        return isinstance(node, PrimitiveType) and node.is_binary
    return True  # octet-stream, images, audio, video, pdf, zip, and every other non-text type


def request_wire(api: Api, op: Operation) -> RequestWire:
    from .ir.model import ObjectType

    if op.body is None:
        return RequestWire(kind="none", media_type=None)
    media = op.body.primary
    mt = _mime(media.media_type)
    required = op.body.required
    if media.is_json:
        # a wildcard declared for an object ("*/*", MediaBody.json_wildcard) is sent as application/json
        media_type = "application/json" if media.json_wildcard else media.media_type.split(";")[0].strip()
        return RequestWire(kind="json", media_type=media_type, required=required)
    if media.is_multipart or media.is_form:
        node = api.resolve(media.type)
        fields: list[FieldEncoding] = []
        if isinstance(node, ObjectType):
            for prop in node.properties:
                enc = media.encoding.get(prop.name) if isinstance(media.encoding.get(prop.name), dict) else {}
                content_type = enc.get("contentType") if isinstance(enc.get("contentType"), str) else None
                prop_type = api.resolve(prop.type)
                file = _is_file(api, prop.type)
                is_json = bool(content_type and _mime(content_type).split(",")[0].strip() in (
                    "application/json",) and not file)
                style = enc.get("style") if enc.get("style") in (
                    "form", "spaceDelimited", "pipeDelimited", "deepObject") else "form"
                explode = enc.get("explode") if isinstance(enc.get("explode"), bool) else style == "form"
                fields.append(FieldEncoding(name=prop.name, shape=value_shape(api, prop_type), file=file,
                                            json=is_json, content_type=content_type, style=style,
                                            explode=explode))
        kind: RequestKind = "multipart" if media.is_multipart else "form"
        return RequestWire(kind=kind, media_type=mt, fields=tuple(fields), required=required)
    if mt.startswith("text/") and not is_binary_media(media, api):
        return RequestWire(kind="text", media_type=media.media_type.split(";")[0].strip(), required=required)
    return RequestWire(kind="binary", media_type=media.media_type.split(";")[0].strip(), required=required)


def _is_file(api: Api, node: TypeNode) -> bool:
    from .ir.model import ArrayType

    resolved = api.resolve(node)
    if isinstance(resolved, ArrayType):
        resolved = api.resolve(resolved.items)
    return isinstance(resolved, PrimitiveType) and resolved.is_binary


def _media_kind(media: MediaBody, api: Api) -> ResponseKind:
    if media.is_json:
        return "json"
    if media.is_event_stream:
        return "sse"
    if is_binary_media(media, api) or _mime(media.media_type) == "*/*":
        return "binary"
    return "text"


def _bare_string(media: MediaBody, api: Api) -> bool:
    node = api.resolve(media.type)
    return isinstance(node, PrimitiveType) and node.primitive == "string"


def read_media(api: Api, contents: list[MediaBody], streaming: bool = False) -> MediaBody | None:
    """The media type a call reads from a success response's alternatives: events when
    ``streaming``; else JSON first, but bytes when a binary alternative sits beside a JSON one
    that is only a string (OpenAI's video content: video/mp4, image/webp or a JSON "string":
    the same bytes described loosely), then anything but events."""
    if streaming:
        return next((b for b in contents if b.is_event_stream), None)
    binary = next((b for b in contents if _media_kind(b, api) == "binary"), None)
    json_bodies = [b for b in contents if b.is_json]
    if binary is not None and json_bodies and all(_bare_string(b, api) for b in json_bodies):
        return binary
    if json_bodies:
        return json_bodies[0]
    return next((b for b in contents if not b.is_event_stream), None) or (contents[0] if contents else None)


def stream_flag(api: Api, op: Operation) -> str | None:
    """The wire name of the boolean ``stream`` property of the operation's body (JSON, multipart or
    form: OpenAI's transcriptions take a file and ``stream``), when the success response offers both
    server-sent events and another kind: the call picks one."""
    from .ir.model import ObjectType

    response = op.success
    contents = response.contents if response else []
    if not any(b.is_event_stream for b in contents) or all(b.is_event_stream for b in contents):
        return None
    media = op.body.primary if op.body is not None else None
    if media is None or not (media.is_json or media.is_multipart or media.is_form):
        return None
    node = api.resolve(media.type)
    if not isinstance(node, ObjectType):
        return None
    for prop in node.properties:
        resolved = api.resolve(prop.type)
        if prop.name == "stream" and not prop.read_only and isinstance(resolved, PrimitiveType) \
                and resolved.primitive == "boolean":
            return prop.name
    return None


def response_wire(api: Api, op: Operation, flag: str | None = None) -> tuple[str | None, ResponseKind, str | None]:
    """(Accept, response kind, the media type read) from the declared success responses; with a
    stream ``flag``, those of a call with the flag off (events are neither read nor asked for)."""
    success = [r for r in op.responses if r.is_success]
    medias: list[str] = []
    for response in sorted(success, key=lambda r: r.status):
        for body in response.contents:
            if flag is not None and body.is_event_stream:
                continue
            # a wildcard declared for an object is asked for as JSON (MediaBody.json_wildcard)
            mt = "application/json" if body.json_wildcard else body.media_type.split(";")[0].strip()
            if mt and mt not in medias:
                medias.append(mt)
    response = op.success
    if response is None or not response.contents:
        if medias:  # the first success response has no body, a later one has
            return ", ".join(medias), "json" if any(_mime(m) == "application/json" or _mime(m).endswith("+json")
                                                    for m in medias) else "text", None
        return None, "empty", None
    if flag is not None:
        primary = read_media(api, response.contents)
    elif any(b.is_json for b in response.contents) or not any(b.is_event_stream for b in response.contents):
        primary = read_media(api, response.contents)
    else:
        primary = response.primary
    assert primary is not None
    kind = _media_kind(primary, api)
    # the type read first, so a server that can send either picks the one the SDK decodes
    read = "application/json" if primary.json_wildcard else primary.media_type.split(";")[0].strip()
    medias.sort(key=lambda m: 0 if m.split(";")[0].strip() == read else 1)
    return ", ".join(medias), kind, read


# ----------------------------------------------------------------------------- operations

def operation_wire(op: Operation, contract: Contract, diags: Diagnostics | None, api: Api | None = None,
                   default_security: tuple[tuple[str, ...], ...] = ()) -> OperationWire:
    known = {s.name for s in contract.schemes}
    if op.security is not None:
        security = _requirements(op.security, known)
    else:
        security = default_security
    if api is None:
        api = Api(title="", version="")
    params = tuple(param_wire(api, p, diags) for p in op.parameters)
    flag = stream_flag(api, op)
    accept, kind, media = response_wire(api, op, flag)
    return OperationWire(security=security, params=params, request=request_wire(api, op), accept=accept,
                         response=kind, response_media_type=media, stream_flag=flag,
                         stream_accept="text/event-stream" if flag else None)


def _base_url(api: Api, config: Config, diags: Diagnostics | None) -> tuple[str | None, str | None]:
    if config.base_url:
        return config.base_url.rstrip("/") or config.base_url, None
    if not api.servers:
        if diags is not None and api.operations:
            diags.warning("the spec has no `servers`: the clients need a `base_url` when they are made (or set "
                          "`base_url:` in the config)", api.source)
        return None, None
    server = api.servers[0]
    url = server.url
    for var in server.variables:
        url = url.replace("{" + var.name + "}", var.default)
    if "{" in url or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]", url):
        if diags is not None:
            diags.warning(f"the first server URL {server.url!r} is relative or incomplete: the clients need a "
                          "`base_url` when they are made (or set `base_url:` in the config)",
                          server.location or api.source)
        return None, url
    return url.rstrip("/") if url.rstrip("/").count("/") >= 2 else url, None


def build_contract(api: Api, config: Config, diags: Diagnostics | None = None) -> Contract:
    names = sdk_names(api, config)
    schemes = auth_schemes(api, config, names, diags)
    base_url, relative = _base_url(api, config, diags)
    contract = Contract(names=names, schemes=schemes, base_url=base_url, base_url_relative=relative)
    known = {s.name for s in schemes}
    default = _requirements(api.default_security, known)
    for op in api.operations:
        contract.operations[id(op)] = operation_wire(op, contract, diags, api, default)
    for op in api.webhooks:
        contract.operations[id(op)] = operation_wire(op, contract, None, api, default)
    return contract


def contract_of(api: Api, config: Config | None = None) -> Contract:
    """The contract the pipeline built for ``api`` (or one built now, without diagnostics, for an
    API made by hand in a test)."""
    existing = getattr(api, "wire", None)
    if isinstance(existing, Contract):
        return existing
    contract = build_contract(api, config or Config(), None)
    api.wire = contract  # type: ignore[attr-defined]
    return contract


__all__ = ["AuthScheme", "Contract", "Credential", "FieldEncoding", "Names", "OperationWire", "ParamWire",
           "RequestWire", "build_contract", "contract_of", "sdk_names", "title_words"]
