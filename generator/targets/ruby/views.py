"""View objects for the Ruby templates.  All decisions (names, types,
escaping of spec strings that end up inside expressions) are made here; the
templates only loop and fill slots."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    ObjectType,
    Operation,
    Parameter,
    PrimitiveType,
    RefType,
    Resource,
    TypeNode,
    UnionType,
)
from . import escape, names
from .types import Container, TypeMap, rbs_method_name, rbs_param_name


# ---------------------------------------------------------------- settings
@dataclass
class Settings:
    gem: str  # gem name and require path
    mod: str  # top-level module
    version: str
    api_version: str
    title: str
    description: str | None
    base_url: str
    env_api_key: str | None
    env_base_url: str | None
    auth: str  # bearer | basic | header | query | none
    auth_name: str | None  # header or query parameter name for apiKey schemes


def settings_for(api: Api, config: Config, diags: Diagnostics) -> Settings:
    opts = config.target("ruby")
    title = config.name or api.title or "API"
    gem = str(opts.get("gem") or naming.snake(title) or "api")
    gem_clean = re.sub(r"[^a-z0-9_]+", "_", gem.lower()).strip("_") or "api"
    if gem_clean[0].isdigit():
        gem_clean = f"api_{gem_clean}"
    if gem_clean != gem:
        diags.warning(f"ruby gem name {gem!r} is not a plain lower-case name; using {gem_clean!r}", None)
    title_parts = tuple(part for part in re.split(r"[^A-Za-z0-9]+", title) if part)
    mod_raw = str(opts.get("module") or names.const_ident(title_parts or ("Api",), frozenset()))
    mod = mod_raw if re.fullmatch(r"[A-Z][A-Za-z0-9_]*", mod_raw) else names.const_ident((mod_raw,), frozenset())
    if mod in names.CONST_RESERVED or mod in ("Kernel", "Object", "Gem", "Ruby"):
        mod = f"{mod}SDK"
    if mod != mod_raw:
        diags.warning(f"ruby module name {mod_raw!r} is not a valid constant; using {mod!r}", None)
    version = str(opts.get("version") or api.version or "0.1.0")
    if not re.fullmatch(r"[0-9]+(\.[0-9]+){0,3}", version):
        version = "0.1.0"
    base_url = config.base_url or (api.servers[0].url if api.servers else "http://localhost")
    auth, auth_name = "none", None
    for scheme in api.security:
        if scheme.type == "http" and (scheme.scheme or "").lower() == "bearer":
            auth = "bearer"
        elif scheme.type == "http" and (scheme.scheme or "").lower() == "basic":
            auth = "basic"
        elif scheme.type == "apiKey" and scheme.location in ("header", "query") and scheme.param_name:
            auth, auth_name = scheme.location, scheme.param_name
        elif scheme.type in ("oauth2", "openIdConnect"):
            auth = "bearer"
        else:
            continue
        break
    return Settings(gem=gem_clean, mod=mod, version=version, api_version=api.version, title=title,
                    description=api.description, base_url=base_url, env_api_key=config.env_api_key,
                    env_base_url=config.env_base_url, auth=auth, auth_name=auth_name)


# ------------------------------------------------------------------ models
@dataclass
class FieldView:
    name: str
    wire: str
    wire_differs: bool
    required: bool
    nullable: bool
    descriptor: str
    doc_type: str
    rbs: str
    rbs_name: str
    description: str | None
    deprecated: bool


@dataclass
class EnumValueView:
    const: str
    literal: str
    description: str | None


@dataclass
class VariantView:
    key: str | None  # escaped Ruby string literal of the discriminator value
    descriptor: str


@dataclass
class ContainerView:
    kind: str
    name: str
    qualified: str
    description: str | None
    deprecated: bool
    fields: list[FieldView] = field(default_factory=list)
    values: list[EnumValueView] = field(default_factory=list)
    variants: list[VariantView] = field(default_factory=list)
    discriminator: str | None = None  # escaped string literal
    alias_descriptor: str = ""
    alias_doc: str = ""
    children: list[ContainerView] = field(default_factory=list)
    rbs_fields: list[FieldView] = field(default_factory=list)


@dataclass
class ModelFile:
    path: str  # lib/<gem>/models/<file>.rb
    require: str  # <gem>/models/<file>
    sig_path: str
    root: ContainerView


def _field_views(tm: TypeMap, node: ObjectType) -> list[FieldView]:
    namer = names.Namer(names.MODEL_METHODS)
    out: dict[int, FieldView] = {}
    # wire names that already are good Ruby names claim theirs first
    order = sorted(range(len(node.properties)),
                   key=lambda i: (0 if names.method_ident(node.properties[i].name, names.MODEL_METHODS)
                                  == node.properties[i].name else 1, i))
    for i in order:
        prop = node.properties[i]
        name = namer.claim(names.method_ident(prop.name, names.MODEL_METHODS))
        out[i] = FieldView(
            name=name,
            wire=prop.name,
            wire_differs=name != prop.name,
            required=prop.required,
            nullable=prop.type.nullable,
            descriptor=tm.descriptor(prop.type),
            doc_type=tm.doc_type(prop.type) + ("" if prop.required or prop.type.nullable else ", nil"),
            rbs=_optional(tm.rbs(prop.type), not prop.required),
            rbs_name=rbs_method_name(name),
            description=prop.description,
            deprecated=prop.deprecated,
        )
    return [out[i] for i in range(len(node.properties))]


def _optional(rbs: str, optional: bool) -> str:
    if not optional or rbs.endswith("?") or rbs in ("untyped", "nil"):
        return rbs
    if " | " in rbs and not (rbs.startswith("(") and rbs.endswith(")")):
        rbs = f"({rbs})"
    return rbs + "?"


def _container_view(tm: TypeMap, c: Container) -> ContainerView:
    node = c.node
    description = (c.named.type.description if c.named else None) or node.description
    view = ContainerView(kind=c.kind, name=c.name, qualified=c.qualified, description=description,
                         deprecated=node.deprecated)
    if c.kind == "model" and isinstance(node, ObjectType):
        view.fields = _field_views(tm, node)
    elif c.kind == "enum" and isinstance(node, EnumType):
        namer = names.Namer(names.CONST_RESERVED | {tm.mod})
        for value in node.values:
            if isinstance(value, str):
                lit = escape.symbol_literal(value)
            else:
                lit = escape.literal(value)
            view.values.append(EnumValueView(const=namer.claim(names.enum_const_ident(value)), literal=lit,
                                             description=node.value_descriptions.get(str(value))))
    elif c.kind == "union" and isinstance(node, UnionType):
        disc = node.discriminator
        if disc is not None and disc.mapping:
            view.discriminator = escape.string_literal(disc.property)
            mapped: set[str] = set()
            for key in sorted(disc.mapping):
                target = disc.mapping[key]
                view.variants.append(VariantView(key=escape.string_literal(key), descriptor=tm.descriptor(target)))
                mapped.add(tm.descriptor(target))
            for variant in node.variants:
                d = tm.descriptor(variant)
                if d not in mapped:
                    view.variants.append(VariantView(key=None, descriptor=d))
                    mapped.add(d)
        else:
            seen: set[str] = set()
            for variant in node.variants:
                d = tm.descriptor(variant)
                if d not in seen:
                    seen.add(d)
                    view.variants.append(VariantView(key=None, descriptor=d))
    elif c.kind == "alias":
        view.alias_descriptor = tm.descriptor(node, lazy=True) if tm.container_for(node) else tm.descriptor(node)
        view.alias_doc = tm.doc_type(node)
    view.children = [_container_view(tm, child) for child in c.children]
    return view


def model_files(tm: TypeMap, gem: str) -> list[ModelFile]:
    files: list[ModelFile] = []
    namer = names.Namer(fold=True)
    for c in tm.top_level():
        stem = namer.claim(names.file_ident(c.name))
        files.append(ModelFile(path=f"lib/{gem}/models/{stem}.rb", require=f"{gem}/models/{stem}",
                               sig_path=f"sig/{gem}/models/{stem}.rbs", root=_container_view(tm, c)))
    return files


# --------------------------------------------------------------- resources
@dataclass
class ParamView:
    name: str
    wire: str  # raw; escaped in templates
    location: str  # path | query | header | body | raw_body
    required: bool
    doc_type: str
    rbs: str
    description: str | None
    deprecated: bool
    example_required: str = ""  # Ruby expression (required fields only)
    example_full: str = ""  # Ruby expression (all fields)


@dataclass
class MethodView:
    name: str
    rbs_name: str
    http_method: str
    description: str | None
    deprecated: bool
    path_parts: list[tuple[bool, str]]  # (is_param, ruby ident | escaped string literal)
    positional: list[ParamView]
    kwargs: list[ParamView]
    query: list[ParamView]
    headers: list[ParamView]
    body: list[ParamView]
    raw_body: ParamView | None
    body_model: str | None
    encoding: str | None  # :json / :multipart / :form / :raw
    model: str | None  # descriptor of the response
    page: str | None
    stream: str | None
    returns_doc: str
    returns_rbs: str
    assert_class: str | None
    signature: str  # Ruby parameter list (built from identifiers only)
    rbs_signature: str
    path_exprs: list[str]  # alternating static literal / parameter expressions
    call_required: str  # example arguments (tests)
    call_full: str


@dataclass
class ResourceView:
    name: str  # class name
    qualified: str
    accessor: str  # reader name on the parent
    description: str | None
    methods: list[MethodView]
    children: list[ResourceView]
    test_class: str = ""
    accessor_rbs: str = ""


@dataclass
class ResourceFile:
    path: str
    require: str
    sig_path: str
    test_path: str
    root: ResourceView


RESOURCE_CONST_RESERVED = names.CONST_RESERVED


class ExampleMaker:
    """Ruby expressions of valid example values, for the generated tests."""

    def __init__(self, tm: TypeMap):
        self.tm = tm

    def value(self, node: TypeNode, full: bool, depth: int = 0) -> str:
        tm = self.tm
        if depth > 8:
            return "nil" if node.nullable else '"string"'
        if isinstance(node, RefType):
            target = tm.api.types.get(node.name)
            if target is None:
                return '"string"'
            resolved = target.type
            if isinstance(resolved, ObjectType):
                return self.object(resolved, full and depth < 3, depth)
            return self.value(resolved, full, depth + 1)
        if isinstance(node, PrimitiveType):
            return self.primitive(node)
        if isinstance(node, EnumType):
            if not node.values:
                return "nil"
            value = node.values[0]
            return escape.symbol_literal(value) if isinstance(value, str) else escape.literal(value)
        if isinstance(node, ConstType):
            return escape.symbol_literal(node.value) if isinstance(node.value, str) else escape.literal(node.value)
        if isinstance(node, ArrayType):
            count = max(1, node.min_items or 0)
            item = self.value(node.items, full, depth + 1)
            return "[" + ", ".join([item] * count) + "]"
        if isinstance(node, MapType):
            return "{key: " + self.value(node.values, full, depth + 1) + "}"
        if isinstance(node, UnionType):
            for variant in node.variants:
                return self.value(variant, full, depth + 1)
            return "nil"
        if isinstance(node, ObjectType):
            return self.object(node, full, depth)
        return '"string"'

    def object(self, node: ObjectType, full: bool, depth: int) -> str:
        views = _field_views(self.tm, node)
        parts = []
        for prop, view in zip(node.properties, views):
            if prop.read_only:
                continue
            if prop.required or full:
                parts.append(f"{view.name}: {self.value(prop.type, full, depth + 1)}")
        return "{" + ", ".join(parts) + "}"

    def primitive(self, node: PrimitiveType) -> str:
        if node.primitive == "string":
            if node.is_binary:
                return 'StringIO.new("sample bytes")'
            fmt = (node.format or "").lower()
            samples = {"date-time": "2024-01-01T00:00:00Z", "date": "2024-01-01", "email": "user@example.com",
                       "uri": "https://example.com", "url": "https://example.com",
                       "uuid": "182bd5e5-6e1a-4fe4-a799-aa6d9a6ab26e", "byte": "U3dhZ2dlciByb2Nrcw=="}
            if fmt in samples:
                return escape.string_literal(samples[fmt])
            if node.examples and isinstance(node.examples[0], str):
                return escape.string_literal(node.examples[0])
            text = "string"
            if node.min_length and node.min_length > len(text):
                text = "x" * node.min_length
            if node.max_length is not None and node.max_length < len(text):
                text = "x" * node.max_length
            return escape.string_literal(text)
        if node.primitive in ("integer", "number"):
            value: float = 0
            if node.minimum is not None:
                value = node.minimum
            if node.exclusive_minimum is not None:
                value = node.exclusive_minimum + 1
            if node.maximum is not None and value > node.maximum:
                value = node.maximum
            if node.primitive == "integer":
                return str(int(value))
            return repr(float(value))
        if node.primitive == "boolean":
            return "true"
        if node.primitive == "null":
            return "nil"
        return '"string"'


class ResourceBuilder:
    def __init__(self, api: Api, config: Config, tm: TypeMap, settings: Settings, page_classes: dict[str, str]):
        self.api = api
        self.config = config
        self.tm = tm
        self.s = settings
        self.pages = page_classes
        self.examples = ExampleMaker(tm)

    def build(self) -> list[ResourceFile]:
        files: list[ResourceFile] = []
        top_consts = names.Namer(RESOURCE_CONST_RESERVED | {self.s.mod})
        accessors = names.Namer(CLIENT_RESERVED)
        file_namer = names.Namer(fold=True)
        for res in self.api.resources:
            view = self.resource(res, top_consts, accessors, f"{self.s.mod}::Resources")
            stem = file_namer.claim(names.file_ident(view.name))
            files.append(ResourceFile(path=f"lib/{self.s.gem}/resources/{stem}.rb",
                                      require=f"{self.s.gem}/resources/{stem}",
                                      sig_path=f"sig/{self.s.gem}/resources/{stem}.rbs",
                                      test_path=f"test/{self.s.gem}/resources/{stem}_test.rb", root=view))
        return files

    def resource(self, res: Resource, consts: names.Namer, accessors: names.Namer, ns: str) -> ResourceView:
        name = consts.claim(names.const_ident((res.name,), RESOURCE_CONST_RESERVED | {self.s.mod}))
        accessor = accessors.claim(names.method_ident(res.name, names.RESOURCE_METHODS))
        qualified = f"{ns}::{name}"
        members = names.Namer(names.RESOURCE_METHODS)
        methods = [self.method(op, members) for op in res.operations]
        child_consts = names.Namer(RESOURCE_CONST_RESERVED | {self.s.mod, name})
        children = [self.resource(child, child_consts, members, qualified) for child in res.children]
        view = ResourceView(name=name, qualified=qualified, accessor=accessor, description=res.description,
                            methods=methods, children=children)
        view.accessor_rbs = rbs_method_name(accessor)
        view.test_class = names.const_ident(tuple(qualified.split("::")[2:]) + ("Test",), frozenset())
        return view

    def _param(self, p: Parameter, name: str, location: str) -> ParamView:
        tm = self.tm
        required = p.required
        example = None
        if location == "path" and p.examples and isinstance(p.examples[0], (str, int)):
            example = escape.literal(p.examples[0])
        return ParamView(
            name=name, wire=p.name, location=location, required=required,
            doc_type=tm.doc_type(p.type) + ("" if required else ", nil"),
            rbs=_optional(tm.rbs(p.type, input=True), not required),
            description=p.description, deprecated=p.deprecated,
            example_required=example or self.examples.value(p.type, False),
            example_full=example or self.examples.value(p.type, True),
        )

    def method(self, op: Operation, members: names.Namer) -> MethodView:
        tm = self.tm
        name = members.claim(names.method_ident(op.name, names.RESOURCE_METHODS))
        args = names.Namer(names.ARG_RESERVED | names.KEYWORDS)
        positional: list[ParamView] = []
        for p in op.path_params:
            positional.append(self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "path"))
        query = [self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "query")
                 for p in op.params_in("query")]
        headers = [self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "header")
                   for p in op.params_in("header")]
        body: list[ParamView] = []
        raw_body: ParamView | None = None
        body_model: str | None = None
        encoding: str | None = None
        if op.body is not None:
            media = op.body.primary
            encoding = ":json" if media.is_json else ":multipart" if media.is_multipart else \
                ":form" if media.is_form else ":raw"
            resolved = tm.resolve(media.type)
            if isinstance(resolved, ObjectType) and encoding != ":raw":
                body_container = tm.model_of(media.type)
                body_model = body_container.qualified if body_container else None
                for prop in resolved.properties:
                    if prop.read_only:
                        continue
                    pname = args.claim(names.method_ident(prop.name, names.ARG_RESERVED))
                    required = prop.required and op.body.required
                    body.append(ParamView(
                        name=pname, wire=prop.name, location="body", required=required,
                        doc_type=tm.doc_type(prop.type) + ("" if required else ", nil"),
                        rbs=_optional(tm.rbs(prop.type, input=True), not required),
                        description=prop.description, deprecated=prop.deprecated,
                        example_required=self.examples.value(prop.type, False),
                        example_full=self.examples.value(prop.type, True),
                    ))
            else:
                pname = args.claim("body")
                raw_body = ParamView(
                    name=pname, wire="body", location="raw_body", required=op.body.required,
                    doc_type=tm.doc_type(media.type) + ("" if op.body.required else ", nil"),
                    rbs=_optional(tm.rbs(media.type, input=True), not op.body.required),
                    description=op.body.description, deprecated=False,
                    example_required=self.examples.value(media.type, False),
                    example_full=self.examples.value(media.type, True),
                )
        # response
        model: str | None = None
        page: str | None = None
        stream: str | None = None
        returns_doc = "nil"
        returns_rbs = "nil"
        assert_class: str | None = None
        success = op.success
        primary = op.success_body
        if op.pagination is not None and op.pagination.scheme in self.pages:
            page = self.pages[op.pagination.scheme]
            model = tm.descriptor(op.pagination.item, lazy=False)
            returns_doc = f"{page}<{tm.doc_type(op.pagination.item)}>"
            returns_rbs = page
            assert_class = page
        else:
            if success is not None:
                sse = next((b for b in success.contents if b.is_event_stream), None)
                if sse is not None:
                    stream = tm.descriptor(sse.type, lazy=False)
            if primary is not None and primary.is_json:
                model = tm.descriptor(primary.type, lazy=False)
                returns_doc = tm.doc_type(primary.type)
                returns_rbs = tm.rbs(primary.type)
                mc = tm.model_of(primary.type)
                if mc is not None and not primary.type.nullable:
                    assert_class = mc.qualified
            elif primary is not None and primary.is_event_stream:
                returns_doc = f"{self.s.mod}::Internal::Stream"
                returns_rbs = f"{self.s.mod}::Internal::Stream"
                assert_class = returns_rbs
            elif primary is not None:
                returns_doc = "String"
                returns_rbs = "String"
            if stream is not None and not (primary is not None and primary.is_event_stream):
                returns_doc += f", {self.s.mod}::Internal::Stream"
                returns_rbs = f"({returns_rbs} | {self.s.mod}::Internal::Stream)"
                assert_class = None
        kw_all = query + headers + body + ([raw_body] if raw_body else [])
        kwargs = [p for p in kw_all if p.required] + [p for p in kw_all if not p.required]
        path_parts = self._path_parts(op.path, {p.wire: p.name for p in positional})
        sig = [p.name for p in positional]
        sig += [f"{p.name}:" for p in kwargs if p.required]
        sig += [f"{p.name}: nil" for p in kwargs if not p.required]
        sig.append("request_options: {}")
        rbs_parts = [f"{p.rbs}{rbs_param_name(p.name)}" for p in positional]
        rbs_parts += [f"{'' if p.required else '?'}{p.name}: {p.rbs}" for p in kwargs]
        rbs_parts.append("?request_options: ::Hash[Symbol, untyped]")
        return MethodView(
            name=name, rbs_name=rbs_method_name(name), http_method=op.method.lower(),
            description=op.description or op.summary, deprecated=op.deprecated, path_parts=path_parts,
            positional=positional, kwargs=kwargs, query=query, headers=headers, body=body, raw_body=raw_body,
            body_model=body_model, encoding=encoding, model=model, page=page, stream=stream,
            returns_doc=returns_doc, returns_rbs=returns_rbs, assert_class=assert_class,
            signature=", ".join(sig), rbs_signature=", ".join(rbs_parts),
            path_exprs=self._path_exprs(path_parts),
            call_required=", ".join([p.example_required for p in positional]
                                    + [f"{p.name}: {p.example_required}" for p in kwargs if p.required]),
            call_full=", ".join([p.example_full for p in positional]
                                + [f"{p.name}: {p.example_full}" for p in kwargs]),
        )

    @staticmethod
    def _path_exprs(parts: list[tuple[bool, str]]) -> list[str]:
        out: list[str] = []
        for is_param, text in parts:
            if is_param:
                if len(out) % 2 == 0:
                    out.append('""')
                out.append(text)
            elif len(out) % 2 == 0:
                out.append(text)
            else:
                out[-1] = out[-1][:-1] + text[1:]  # two static pieces in a row: join the literals
        return out or ['""']

    @staticmethod
    def _path_parts(path: str, params: dict[str, str]) -> list[tuple[bool, str]]:
        parts: list[tuple[bool, str]] = []
        for piece in re.split(r"(\{[^}]*\})", path):
            if not piece:
                continue
            if piece.startswith("{") and piece.endswith("}") and piece[1:-1] in params:
                parts.append((True, params[piece[1:-1]]))
            else:
                parts.append((False, escape.string_literal(piece)))
        return parts


# Reader names the client already has.
CLIENT_RESERVED = frozenset({"api_key", "base_url", "timeout", "max_retries", "request", "default_headers",
                             "default_query", "auth_headers", "auth_query", "with_options"}) | names.RESOURCE_METHODS


# ---------------------------------------------------------------- pagination
@dataclass
class PageView:
    name: str
    qualified: str
    style: str
    items: str  # escaped string literal
    items_reader: str
    has_more: str  # escaped literal or nil
    cursor_param: str
    limit_param: str
    next_cursor: str
    path: str
    require: str
    items_reader_rbs: str = ""


PAGE_RESERVED = frozenset({"items", "next_page", "next_page?", "auto_paging_each", "response", "each",
                           "to_a", "next_cursor", "raw", "request", "client", "item_type"})


def page_views(config: Config, mod: str, gem: str) -> list[PageView]:
    consts = names.Namer(frozenset({"Type", "BaseClient", "BasePage", "Stream", "RawResponse", "Util",
                                    "Resource", "SSEDecoder", "Multipart", "FilePart"}) | names.CONST_RESERVED)
    files = names.Namer(frozenset({"type", "base_client", "base_page", "stream", "util", "resource"}), fold=True)
    out: list[PageView] = []
    for scheme in config.pagination:
        name = consts.claim(names.const_ident((scheme.name,)))
        reader = names.method_ident(scheme.items, PAGE_RESERVED)

        def lit(value: str | None) -> str:
            return escape.string_literal(value) if value else "nil"

        stem = files.claim(names.file_ident(name))
        out.append(PageView(
            name=name, qualified=f"{mod}::Internal::{name}", style=escape.symbol_literal(scheme.style),
            items=lit(scheme.items), items_reader=reader, has_more=lit(scheme.has_more),
            cursor_param=lit(scheme.request_cursor), limit_param=lit(scheme.request_limit),
            next_cursor=lit(scheme.next_cursor), path=f"lib/{gem}/internal/{stem}.rb",
            require=f"{gem}/internal/{stem}", items_reader_rbs=rbs_method_name(reader),
        ))
    return out

