"""The intermediate representation: a language-neutral model of an API.

It knows operations, parameters, bodies, responses and types, with their
descriptions, examples and source locations.  It knows nothing of any target
language: names are the spec's own strings (each target's symbol provider turns
them into identifiers), and types are structural (no "Optional[str]" here).

Type nodes
----------
Every type is a :class:`TypeNode` subclass.  Shared facets (description,
nullable, deprecated, read/write-only, default, example, location) live on the
base class.  Named types (components and hoisted inline objects) are
:class:`NamedType` entries in :attr:`Api.types`; other nodes refer to them with
:class:`RefType`, which is how recursion is expressed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

from ..diagnostics import Location

PrimitiveKind = Literal["string", "integer", "number", "boolean", "null", "any"]
ParamLocation = Literal["path", "query", "header", "cookie"]

_NO_VALUE: Any = object()


@dataclass(eq=False)
class TypeNode:
    description: str | None = field(default=None, kw_only=True)
    title: str | None = field(default=None, kw_only=True)
    nullable: bool = field(default=False, kw_only=True)
    deprecated: bool = field(default=False, kw_only=True)
    read_only: bool = field(default=False, kw_only=True)
    write_only: bool = field(default=False, kw_only=True)
    has_default: bool = field(default=False, kw_only=True)
    default: Any = field(default=None, kw_only=True)
    examples: list[Any] = field(default_factory=list, kw_only=True)
    location: Location | None = field(default=None, kw_only=True)

    kind = "type"

    def children(self) -> Iterator["TypeNode"]:
        return iter(())


@dataclass(eq=False)
class PrimitiveType(TypeNode):
    """string / integer / number / boolean / null / any, with an optional format."""

    primitive: PrimitiveKind = "any"
    format: str | None = None
    # constraints, kept for docs and validation-aware targets
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None

    kind = "primitive"

    @property
    def is_binary(self) -> bool:
        return self.primitive == "string" and self.format in ("binary", "byte-stream")


@dataclass(eq=False)
class EnumType(TypeNode):
    """A closed list of values on the wire; targets keep them open to unknown values when decoding."""

    values: list[Any] = field(default_factory=list)
    primitive: PrimitiveKind = "string"
    value_descriptions: dict[str, str] = field(default_factory=dict)

    kind = "enum"


@dataclass(eq=False)
class ConstType(TypeNode):
    value: Any = None
    primitive: PrimitiveKind = "string"

    kind = "const"


@dataclass(eq=False)
class ArrayType(TypeNode):
    items: TypeNode = field(default_factory=lambda: PrimitiveType())
    min_items: int | None = None
    max_items: int | None = None
    unique: bool = False

    kind = "array"

    def children(self) -> Iterator[TypeNode]:
        yield self.items


@dataclass(eq=False)
class MapType(TypeNode):
    """An object used as a dictionary: string keys, uniform values."""

    values: TypeNode = field(default_factory=lambda: PrimitiveType())

    kind = "map"

    def children(self) -> Iterator[TypeNode]:
        yield self.values


@dataclass(eq=False)
class Property:
    name: str  # wire name, exactly as in the spec
    type: TypeNode
    required: bool = False
    description: str | None = None
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    location: Location | None = None

    @property
    def nullable(self) -> bool:
        return self.type.nullable


@dataclass(eq=False)
class ObjectType(TypeNode):
    properties: list[Property] = field(default_factory=list)
    # None: not said (open); False: closed; a TypeNode: extra keys' value type
    additional: TypeNode | bool | None = None

    kind = "object"

    def children(self) -> Iterator[TypeNode]:
        for prop in self.properties:
            yield prop.type
        if isinstance(self.additional, TypeNode):
            yield self.additional

    def get(self, name: str) -> Property | None:
        for prop in self.properties:
            if prop.name == name:
                return prop
        return None

    @property
    def required_first(self) -> list[Property]:
        """Required properties first, then optional ones, each in spec order."""
        return [p for p in self.properties if p.required] + [p for p in self.properties if not p.required]


@dataclass(eq=False)
class Discriminator:
    property: str
    # wire value -> variant (a RefType or inline node)
    mapping: dict[str, TypeNode] = field(default_factory=dict)
    explicit_mapping: bool = False


@dataclass(eq=False)
class UnionType(TypeNode):
    """``oneOf``/``anyOf``: one of several variants, optionally with a discriminator."""

    variants: list[TypeNode] = field(default_factory=list)
    discriminator: Discriminator | None = None
    exclusive: bool = True  # oneOf (True) or anyOf (False)

    kind = "union"

    def children(self) -> Iterator[TypeNode]:
        yield from self.variants


@dataclass(eq=False)
class RefType(TypeNode):
    """A reference to a named type in :attr:`Api.types`."""

    name: str = ""

    kind = "ref"


@dataclass(eq=False)
class NamedType:
    name: str  # the spec's name (component key) or a derived name for hoisted inline types
    type: TypeNode
    location: Location | None = None
    origin: Literal["component", "inline"] = "component"
    # for inline types: the named parent and the path inside it the name came from
    name_parts: tuple[str, ...] = ()


@dataclass(eq=False)
class Parameter:
    name: str  # wire name
    location: ParamLocation
    type: TypeNode
    required: bool = False
    description: str | None = None
    deprecated: bool = False
    style: str | None = None
    explode: bool | None = None
    examples: list[Any] = field(default_factory=list)
    source: Location | None = None


@dataclass(eq=False)
class MediaBody:
    media_type: str
    type: TypeNode
    # multipart/form-urlencoded per-property encoding hints
    encoding: dict[str, dict[str, Any]] = field(default_factory=dict)
    examples: list[Any] = field(default_factory=list)
    # declared as a wildcard ("*/*", "application/*") with an object, array or map schema: the
    # value is JSON (Swagger 2.0 `consumes: ["*/*"]`, as Kubernetes declares)
    json_wildcard: bool = False
    # a multipart body with a file field (a binary property, or a list or union of them): what a
    # JSON alternative of the same operation cannot carry
    carries_files: bool = False

    @property
    def is_json(self) -> bool:
        mt = self.media_type.split(";")[0].strip().lower()
        return self.json_wildcard or mt == "application/json" or mt.endswith("+json")

    @property
    def is_multipart(self) -> bool:
        return self.media_type.split(";")[0].strip().lower() == "multipart/form-data"

    @property
    def is_form(self) -> bool:
        return self.media_type.split(";")[0].strip().lower() == "application/x-www-form-urlencoded"

    @property
    def is_event_stream(self) -> bool:
        return self.media_type.split(";")[0].strip().lower() == "text/event-stream"

    @property
    def is_binary(self) -> bool:
        mt = self.media_type.split(";")[0].strip().lower()
        return mt == "application/octet-stream" or mt.startswith(("image/", "audio/", "video/"))


@dataclass(eq=False)
class RequestBody:
    contents: list[MediaBody]
    required: bool = False
    description: str | None = None
    source: Location | None = None

    @property
    def primary(self) -> MediaBody:
        """The media type an SDK sends: a multipart body that carries files (JSON cannot: OpenAI's
        image edits take image files as multipart, or image URLs as JSON), else JSON first, then
        multipart, then form, then the first listed."""
        for body in self.contents:
            if body.carries_files:
                return body
        for test in ("is_json", "is_multipart", "is_form"):
            for body in self.contents:
                if getattr(body, test):
                    return body
        return self.contents[0]


@dataclass(eq=False)
class Response:
    status: str  # "200", "2XX", "default" (as written, upper-cased ranges)
    description: str | None = None
    contents: list[MediaBody] = field(default_factory=list)
    headers: list[Parameter] = field(default_factory=list)
    source: Location | None = None

    @property
    def is_success(self) -> bool:
        return self.status.startswith("2")

    @property
    def primary(self) -> MediaBody | None:
        for test in ("is_json", "is_event_stream"):
            for body in self.contents:
                if getattr(body, test):
                    return body
        return self.contents[0] if self.contents else None


@dataclass(eq=False)
class Pagination:
    """A list operation matched to a page scheme: the config's or one detected (:mod:`.pages`)."""

    scheme: str  # the scheme's name (an entry of Api.page_schemes), e.g. "CursorPage"
    style: str  # "cursor" | "offset" | "page" | "next_link" | "link_header"
    item: TypeNode  # type of one item
    items_field: str
    request_cursor: str | None = None
    request_limit: str | None = None
    has_more_field: str | None = None
    next_cursor_field: str | None = None


@dataclass(eq=False)
class Operation:
    operation_id: str  # the spec's operationId, or one derived from method + path
    method: str  # lower-case HTTP verb
    path: str
    resource: tuple[str, ...]  # e.g. ("uploads", "parts")
    name: str  # method name within the resource, neutral words: "create", "complete", "list_events"
    summary: str | None = None
    description: str | None = None
    title: str | None = None  # x-oaiMeta.name, else summary
    tags: list[str] = field(default_factory=list)
    deprecated: bool = False
    parameters: list[Parameter] = field(default_factory=list)
    body: RequestBody | None = None
    responses: list[Response] = field(default_factory=list)
    pagination: Pagination | None = None
    location: Location | None = None
    extensions: dict[str, Any] = field(default_factory=dict)
    is_webhook: bool = False
    # the operation's own ``security``: alternatives, each {scheme name: scopes}; None = the API's
    security: list[dict[str, list[str]]] | None = None
    # other names of this operation in its resource (the config's layout), neutral words; each SDK
    # spells them as methods that call this one
    aliases: list[str] = field(default_factory=list)

    def params_in(self, where: ParamLocation) -> list[Parameter]:
        return [p for p in self.parameters if p.location == where]

    @property
    def path_params(self) -> list[Parameter]:
        """Path parameters in the order they appear in the path template."""
        params = self.params_in("path")
        order = {name: index for index, name in enumerate(path_param_names(self.path))}
        return sorted(params, key=lambda p: order.get(p.name, len(order)))

    @property
    def subject_params(self) -> list[Parameter]:
        """The path parameter a call names first and by position: the last one, which identifies what
        the operation acts on (``run_id`` of ``/threads/{thread_id}/runs/{run_id}``). SDKs whose
        language has named arguments take the others (:attr:`parent_params`) by name, so a call reads
        like the thing it acts on and two ids can never be swapped by their order."""
        return self.path_params[-1:]

    def is_subject(self, param: Parameter) -> bool:
        """Whether ``param`` is the path parameter a call takes by position (:attr:`subject_params`)."""
        return any(param is p for p in self.subject_params)

    @property
    def parent_params(self) -> list[Parameter]:
        """The path parameters before the subject (the parents it lives under), passed by name."""
        return self.path_params[:-1]

    @property
    def success(self) -> Response | None:
        for response in sorted(self.responses, key=lambda r: r.status):
            if response.is_success:
                return response
        return None

    @property
    def success_body(self) -> MediaBody | None:
        response = self.success
        return response.primary if response else None

    @property
    def streams(self) -> bool:
        response = self.success
        return bool(response and any(b.is_event_stream for b in response.contents))


def path_param_names(path: str) -> list[str]:
    names: list[str] = []
    rest = path
    while "{" in rest:
        start = rest.index("{")
        end = rest.find("}", start)
        if end < 0:
            break
        names.append(rest[start + 1 : end])
        rest = rest[end + 1 :]
    return names


@dataclass(eq=False)
class Resource:
    name: str  # the last segment, e.g. "parts"
    path: tuple[str, ...]  # e.g. ("uploads", "parts")
    operations: list[Operation] = field(default_factory=list)
    children: list["Resource"] = field(default_factory=list)
    description: str | None = None

    def walk(self) -> Iterator["Resource"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(eq=False)
class ServerVariable:
    name: str
    default: str
    enum: list[str] = field(default_factory=list)
    description: str | None = None


@dataclass(eq=False)
class Server:
    url: str
    description: str | None = None
    variables: list[ServerVariable] = field(default_factory=list)
    location: Location | None = None


@dataclass
class Party:
    """``info.license`` or ``info.contact``: each field one line of visible text, "" when not given."""

    name: str = ""
    identifier: str = ""  # a license's SPDX identifier (OpenAPI 3.1)
    url: str = ""
    email: str = ""


@dataclass(eq=False)
class SecurityScheme:
    name: str
    type: str  # http / apiKey / oauth2 / openIdConnect
    scheme: str | None = None  # bearer / basic for http
    location: str | None = None  # header / query / cookie for apiKey
    param_name: str | None = None
    description: str | None = None
    source: Location | None = None


@dataclass(eq=False)
class Api:
    title: str
    version: str
    description: str | None = None
    servers: list[Server] = field(default_factory=list)
    security: list[SecurityScheme] = field(default_factory=list)
    # the document's top-level ``security``: alternatives, each {scheme name: scopes}; None = not given
    default_security: list[dict[str, list[str]]] | None = None
    types: dict[str, NamedType] = field(default_factory=dict)  # insertion order = spec order
    resources: list[Resource] = field(default_factory=list)  # top-level resources
    webhooks: list[Operation] = field(default_factory=list)
    license: Party | None = None  # None: the spec names no license
    contact: Party | None = None
    # every page scheme an operation may use: the config's, then those detected (config.PageScheme)
    page_schemes: list[Any] = field(default_factory=list)
    source: Location | None = None
    # the wire contract (sdkforge.contract.Contract), built once right after the IR
    wire: Any = field(default=None, repr=False)

    @property
    def operations(self) -> list[Operation]:
        return [op for resource in self.resources for res in resource.walk() for op in res.operations]

    def all_resources(self) -> Iterator[Resource]:
        for resource in self.resources:
            yield from resource.walk()

    def resolve(self, node: TypeNode) -> TypeNode:
        """Follow :class:`RefType` links to the underlying structural node."""
        seen = 0
        while isinstance(node, RefType) and node.name in self.types and seen < 100:
            node = self.types[node.name].type
            seen += 1
        return node
