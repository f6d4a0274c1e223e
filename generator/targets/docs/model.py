"""Language-neutral facts for the docs: parameter/return trees and example values.

Nothing here is language-specific: a :class:`DocNode` keeps the IR type node
and the wire name; each language module turns it into labels in its notation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...contract import Contract, OperationWire
from ...ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    MediaBody,
    ObjectType,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    RefType,
    TypeNode,
    UnionType,
)
from ..common.samples import FileSample, example_fits, operation_samples, sample_value

METHOD_LEVELS = 2  # method pages: the returned/body model and the models it contains, one level
MODEL_LEVELS = 1  # model pages: the model's own properties; nested models link to their pages
NESTED_MAX_ROWS = 60  # a model inside the page's own model is inlined only up to this many rows
INLINE_DEPTH = 32  # safety net for anonymous objects nested in anonymous objects
SKIPPED_HEADERS = frozenset({"authorization", "content-type", "accept", "content-length"})


@dataclass(eq=False)
class Body:
    """What a row expands to: object properties or union variants.  The body of a component
    model is built once per (model, levels left) and shared by every row that shows it
    (``shared``), so a language renders it once too."""

    children: list[DocNode] = field(default_factory=list)
    variants: list[DocNode] = field(default_factory=list)
    shared: bool = False
    rows: int = 0  # rows in the whole tree below (for shared bodies)


def _count(body: Body) -> int:
    """Rows (and enum values) a body shows, nested bodies included (shared ones count their own)."""
    total = 0
    for row in body.children + body.variants:
        total += 1 + len(row.values)
        if row.body is not _EMPTY:
            total += row.body.rows if row.body.shared else _count(row.body)
    return total


_EMPTY = Body()


@dataclass(eq=False)
class DocNode:
    """One row of a parameter or return tree."""

    key: str | None  # wire name; None for a tree root or a union variant
    type: TypeNode  # as written (may be a RefType)
    where: str  # "path" | "query" | "header" | "body" | "prop" | "root" | "variant"
    required: bool = True
    deprecated: bool = False
    description: str | None = None  # the position's own description
    model: str | None = None  # the named type the row shows (through arrays/maps/nullable)
    model_description: str | None = None  # that named type's description, when it differs
    values: list[Any] = field(default_factory=list)  # enum values
    body: Body = _EMPTY  # object properties / union variants (possibly shared)
    owner: tuple[str, ...] = ()  # name parts of the enclosing named type (for enum/union type names)
    truncated: bool = False  # a model that could be expanded but is linked instead (depth or cycle)
    link: str | None = None  # the component model a truncated row links to
    op: Operation | None = None  # for a parameter row (path, query, header, body): its operation

    @property
    def children(self) -> list[DocNode]:
        return self.body.children

    @property
    def variants(self) -> list[DocNode]:
        return self.body.variants

    @property
    def expandable(self) -> bool:
        return bool(self.children or self.variants or self.values)


class TreeBuilder:
    """Builds :class:`DocNode` trees, language-neutral and once per API.

    A page expands component models (the ones with their own page) to a fixed number of
    levels - ``levels`` counts the page's own model - and links deeper ones (and cycles) to
    their pages.  Anonymous/hoisted objects always expand in place (they have no page).
    Each component model's body is built once per (model, levels left, enclosing models)
    and shared by every page that shows it.
    """

    def __init__(self, api: Api, linkable: set[str] | frozenset[str] | None = None):
        self.api = api
        self.linkable = linkable if linkable is not None else {
            name for name, named in api.types.items() if named.origin == "component"}
        self._bodies: dict[tuple[Any, ...], Body] = {}

    # -- entry points
    def parameters(self, op: Operation, levels: int = METHOD_LEVELS) -> list[DocNode]:
        """Path params, then body params, then query params, then headers (required first in each)."""
        top = (levels,)
        out = [self._param(p, top) for p in op.path_params]
        if op.body is not None:
            media = op.body.primary
            node = self.api.resolve(media.type)
            if isinstance(node, ObjectType) and (media.is_json or media.is_multipart or media.is_form):
                owner = self._owner_of(media.type)
                name = self._component_name(media.type)
                inner = top + (name,) if name else top  # the flattened body model is the first level
                for prop in node.required_first:
                    if prop.read_only:
                        continue
                    out.append(self._prop(prop, "body", owner, inner, ()))
            else:
                row = DocNode(key="body", type=media.type, where="body", required=op.body.required,
                              description=op.body.description or media.type.description)
                self._expand(row, row.type, top, ())
                out.append(row)
        for where in ("query", "header"):
            params = [p for p in op.params_in(where) if where != "header" or p.name.lower() not in SKIPPED_HEADERS]
            out.extend(self._param(p, top) for p in sorted(params, key=lambda p: not p.required))
        for row in out:
            row.op = op
        return out

    def returns(self, op: Operation, levels: int = METHOD_LEVELS) -> DocNode | None:
        node = return_type(op)
        if node is None:
            return None
        root = DocNode(key=None, type=node, where="root")
        self._expand(root, node, (levels,), ())
        if root.model and root.model in self.api.types:
            root.description = self.api.types[root.model].type.description
            root.model_description = None
        return root

    def model(self, name: str, levels: int = MODEL_LEVELS) -> DocNode:
        named = self.api.types[name]
        root = DocNode(key=None, type=RefType(name=name), where="root",
                       description=named.type.description)
        self._expand(root, root.type, (levels,), ())
        root.model_description = None
        return root

    # -- internals
    def _owner_of(self, node: TypeNode) -> tuple[str, ...]:
        if isinstance(node, RefType) and node.name in self.api.types:
            named = self.api.types[node.name]
            return named.name_parts or (named.name,)
        return ()

    def _component_name(self, node: TypeNode) -> str | None:
        while isinstance(node, RefType) and node.name in self.api.types:
            if node.name in self.linkable:
                target = self.api.types[node.name].type
                if not isinstance(target, RefType):
                    return node.name
            node = self.api.types[node.name].type
        return None

    def _param(self, p: Parameter, stack: tuple[Any, ...]) -> DocNode:
        row = DocNode(key=p.name, type=p.type, where=p.location, required=p.required,
                      deprecated=p.deprecated or p.type.deprecated, description=p.description)
        self._expand(row, p.type, stack, ())
        return row

    def _prop(self, prop: Property, where: str, owner: tuple[str, ...], stack: tuple[Any, ...],
              inline: tuple[str, ...]) -> DocNode:
        row = DocNode(key=prop.name, type=prop.type, where=where, required=prop.required,
                      deprecated=prop.deprecated, description=prop.description, owner=owner)
        self._expand(row, prop.type, stack, inline)
        return row

    def _expand(self, row: DocNode, node: TypeNode, stack: tuple[Any, ...], inline: tuple[str, ...]) -> None:
        """Fill ``row`` from ``node``: through arrays/maps to the named model, enum values,
        object properties, union variants.  ``stack`` is (levels, component models entered...),
        ``inline`` the anonymous named types entered since the last component (cycle guard)."""
        inner = node
        followed: set[str] = set()
        while True:
            if isinstance(inner, ArrayType):
                inner = inner.items
            elif isinstance(inner, MapType):
                inner = inner.values
            elif isinstance(inner, RefType) and inner.name in self.api.types:
                if inner.name in followed:
                    return  # a cycle of aliases, arrays and maps (L = array of L): no fields to show
                followed.add(inner.name)
                if row.model is None:
                    row.model = inner.name
                    described = self.api.types[inner.name].type.description
                    if described and described != row.description:
                        row.model_description = described
                target = self.api.types[inner.name].type
                if isinstance(target, (RefType, ArrayType, MapType)):
                    if inner.name in inline or inner.name in stack[1:]:
                        # a cycle through a model that is a list or map (M = map of oneOf [M, ...]): each
                        # round expanded it again (32 rounds, branching: 145 MB of docs from a 13 KB spec)
                        row.truncated = True
                        row.link = inner.name if inner.name in self.linkable else None
                        return
                    inline = inline + (inner.name,)
                    inner = target
                    continue
                break
            else:
                break
        name = inner.name if isinstance(inner, RefType) else None
        resolved = self.api.resolve(inner)
        if isinstance(resolved, EnumType):
            row.values = list(resolved.values)
            return
        if not isinstance(resolved, (ObjectType, UnionType)):
            return
        if name is not None and name in self.linkable:
            # a component model: expand while levels are left and it is not its own ancestor
            if name in stack[1:] or len(stack) > stack[0]:
                row.truncated = True
                row.link = name
                return
            inner_stack = stack + (name,)
            left = stack[0] - len(stack)  # levels left below this model
            key = (name, left, stack[1:] if left > 0 else ())
            body = self._bodies.get(key)
            if body is None:
                body = self._body(resolved, inner, row, inner_stack, ())
                body.shared = True
                body.rows = _count(body)
                self._bodies[key] = body
            if len(stack) > 1 and body.rows > NESTED_MAX_ROWS:
                row.truncated = True  # a big model inside another: its own page shows it
                row.link = name
                return
            row.body = body
            return
        if name is not None and name in inline or len(inline) > INLINE_DEPTH:
            row.truncated = True  # only possible for a self-referencing anonymous type
            return
        row.body = self._body(resolved, inner, row, stack, inline + ((name,) if name else ("",)))

    def _body(self, resolved: TypeNode, inner: TypeNode, row: DocNode, stack: tuple[Any, ...],
              inline: tuple[str, ...]) -> Body:
        if isinstance(resolved, ObjectType):
            owner = self._owner_of(inner)
            return Body(children=[self._prop(p, "prop", owner, stack, inline) for p in resolved.required_first])
        assert isinstance(resolved, UnionType)
        body = Body()
        named_owner = self._owner_of(inner)
        owner = named_owner or row.owner
        for variant in resolved.variants:
            child = DocNode(key=None, type=variant, where="variant", description=variant.description,
                            owner=owner + ((row.key or "variant"),) if not named_owner else owner)
            self._expand(child, variant, stack, inline)
            if child.model and child.description is None:
                child.description, child.model_description = child.model_description, None
            body.variants.append(child)
        return body


def return_type(op: Operation) -> TypeNode | None:
    """What the SDK method returns: the page item for paginated operations, else the JSON body type."""
    if op.pagination is not None:
        return op.pagination.item
    body = op.success_body
    if body is None:
        return None
    if body.is_json or body.is_event_stream:
        return body.type
    return None


# ------------------------------------------------------------------ examples
class ResponseExamples:
    """Example *responses* (method pages' "Response" and model pages' JSON): every property,
    read-only ones included, optional ones filled in, numbers 0 or their minimum.  Leaves that
    are strings come from the neutral samples (``targets/common/samples.py``: formats, lengths,
    the spec's own examples), so a date or a UUID reads the same here as in the example requests.
    Example *requests* take their values from the samples directly (:func:`example_call`)."""

    def __init__(self, api: Api, max_depth: int = 8):
        self.api = api
        self.max_depth = max_depth

    def value(self, node: TypeNode, name: str | None, stack: tuple[str, ...] = (), depth: int = 0) -> Any:
        for example in node.examples[:1]:  # the spec's own example where it fits (what the API returns)
            if example_fits(example, node, self.api, reading=True):
                return example
        if isinstance(node, RefType):
            if node.name not in self.api.types:
                return {}
            if node.name in stack or depth > self.max_depth:
                return None if node.nullable else {}
            return self.value(self.api.types[node.name].type, name, stack + (node.name,), depth + 1)
        if isinstance(node, PrimitiveType):
            return self._primitive(node, name)
        if isinstance(node, EnumType):
            return node.values[0] if node.values else None
        if isinstance(node, ConstType):
            return node.value
        if isinstance(node, ArrayType):
            item = self.value(node.items, None, stack, depth + 1)
            return [item] * max(1, node.min_items or 1)
        if isinstance(node, MapType):
            return {"foo": self.value(node.values, None, stack, depth + 1)}
        if isinstance(node, ObjectType):
            out: dict[str, Any] = {}
            for prop in node.required_first:
                if prop.write_only:
                    continue
                out[prop.name] = self.value(prop.type, prop.name, stack, depth + 1)
            return out
        if isinstance(node, UnionType):
            for variant in node.variants:
                resolved = self.api.resolve(variant)
                if not (isinstance(resolved, PrimitiveType) and resolved.primitive == "null"):
                    return self.value(variant, name, stack, depth + 1)
            return None
        return None

    def _primitive(self, node: PrimitiveType, name: str | None) -> Any:
        kind = node.primitive
        if kind == "string":
            if node.is_binary:
                return name or "string"
            return sample_value(self.api, node, name or "")
        if kind in ("integer", "number"):
            value: float = 0
            if node.minimum is not None and value < node.minimum:
                value = node.minimum
            if node.exclusive_minimum is not None and value <= node.exclusive_minimum:
                value = node.exclusive_minimum + 1
            if node.maximum is not None and value > node.maximum:
                value = node.maximum
            return int(value) if kind == "integer" else (int(value) if float(value).is_integer() else value)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return {}


def is_file(value: Any) -> bool:
    """Whether a sample value stands for file contents (each language writes its own file value)."""
    return isinstance(value, FileSample)


@dataclass
class ExampleArg:
    wire: str
    where: str  # "path" | "query" | "header" | "cookie" | "body"
    type: TypeNode
    value: Any  # a neutral sample value: JSON, or a FileSample
    positional: bool = False  # the subject path parameter (taken by position where names are not)


@dataclass
class ExampleCall:
    """The required arguments of one call, with the neutral sample values, and the operation's
    wire facts from the contract (auth alternatives, parameter styles, request encoding)."""

    path: list[ExampleArg]
    query: list[ExampleArg]
    headers: list[ExampleArg]
    cookies: list[ExampleArg]
    body: list[ExampleArg]  # properties of an object body
    body_value: ExampleArg | None  # a whole non-object body
    body_kind: str | None  # "json" | "multipart" | "form" | "binary" | "text" | None
    content_type: str | None
    wire: OperationWire

    @property
    def keyword_args(self) -> list[ExampleArg]:
        return self.query + self.headers + self.cookies + self.body

    @property
    def subject_args(self) -> list[ExampleArg]:
        """The path argument SDKs with named arguments take by position (the last one)."""
        return [a for a in self.path if a.positional]

    @property
    def named_args(self) -> list[ExampleArg]:
        """What SDKs with named arguments take by name: the parent path parameters, then the rest."""
        return [a for a in self.path if not a.positional] + self.keyword_args

    @property
    def security(self) -> tuple[str, ...]:
        """The schemes of the operation's first security alternative (what an example shows)."""
        return self.wire.security[0] if self.wire.security else ()


def example_call(api: Api, op: Operation, contract: Contract) -> ExampleCall:
    """An example call of ``op``: the required arguments of the SDKs' generated tests
    (:func:`~sdkforge.targets.common.samples.operation_samples`), each with its type node."""
    wire = contract.of(op)
    params = {(p.location, p.name): p for p in op.parameters}
    lists: dict[str, list[ExampleArg]] = {"path": [], "query": [], "header": [], "cookie": [], "body": []}
    body_value = None
    media = op.body.primary if op.body is not None else None
    body_node = api.resolve(media.type) if media is not None else None
    for sample in operation_samples(api, op, only_required=True):
        if sample.location == "body":
            assert media is not None
            if not sample.name:
                body_value = ExampleArg("body", "body", media.type, sample.value)
                continue
            prop = body_node.get(sample.name) if isinstance(body_node, ObjectType) else None
            if prop is not None:
                lists["body"].append(ExampleArg(sample.name, "body", prop.type, sample.value))
            continue
        param = params.get((sample.location, sample.name))
        if param is None or sample.location == "header" and sample.name.lower() in SKIPPED_HEADERS:
            continue  # Authorization, Content-Type and Accept are the client's
        lists[sample.location].append(ExampleArg(sample.name, sample.location, param.type, sample.value,
                                                 sample.positional))
    if (op.body is not None and op.body.required and body_value is None and not lists["body"]
            and isinstance(body_node, ObjectType) and body_node.properties):
        # a required body whose fields are all optional: the example gives the first one, so that the
        # request it shows has a body (every SDK sends one; curl only with a field)
        first = next((s for s in operation_samples(api, op, only_required=False)
                      if s.location == "body" and s.name), None)
        prop = body_node.get(first.name) if first is not None else None
        if first is not None and prop is not None:
            lists["body"].append(ExampleArg(first.name, "body", prop.type, first.value))
    spec_body = _request_example(api, media) if media is not None else None
    if spec_body is not None:  # the spec's own request example, as the vendor wrote it
        if body_value is None and isinstance(body_node, ObjectType) and isinstance(spec_body, dict):
            fields = [ExampleArg(key, "body", prop.type, value) for key, value in spec_body.items()
                      if (prop := body_node.get(key)) is not None and not prop.read_only]
            lists["body"] = fields or lists["body"]  # (an example of unlisted fields only: the samples')
        elif body_value is not None:
            body_value = ExampleArg("body", "body", media.type, spec_body)
    kind = wire.request.kind if wire.request.kind != "none" else None
    return ExampleCall(lists["path"], lists["query"], lists["header"], lists["cookie"], lists["body"], body_value,
                       kind, wire.request.media_type, wire)


def _request_example(api: Api, media: MediaBody) -> Any | None:
    """The request body's first spec example (the media type's, else its schema's) that fits what
    the SDKs send; binary bodies keep their file sample."""
    resolved = api.resolve(media.type)
    if isinstance(resolved, PrimitiveType) and resolved.is_binary:
        return None
    for example in media.examples[:1] or media.type.examples[:1] or resolved.examples[:1]:
        if example_fits(example, media.type, api):
            return example
    return None


def example_response(api: Api, op: Operation, ex: ResponseExamples) -> Any | None:
    """The success response's example: the media type's own example where it fits the schema (as a
    value the API returns), else one built from the schema and its examples (:class:`ResponseExamples`)."""
    body = op.success_body
    if body is None or not body.is_json:
        return None
    for example in body.examples:
        if example_fits(example, body.type, api, reading=True):
            return example
    return ex.value(body.type, None)
