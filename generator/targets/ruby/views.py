"""View objects for the Ruby templates.  All decisions (names, types,
escaping of spec strings that end up inside expressions) are made here; the
templates only loop and fill slots."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...config import Config
from ...contract import OperationWire, contract_of, read_media
from ...diagnostics import Diagnostics
from ...versioning import configured_version
from ...ir.model import (
    Api,
    EnumType,
    ObjectType,
    Operation,
    Parameter,
    Resource,
    UnionType,
)
from ..common.samples import FileSample, credential_sample, operation_samples
from . import escape, names
from .types import Container, TypeMap, rbs_method_name, rbs_param_name


# ---------------------------------------------------------------- settings
@dataclass
class CredentialView:
    name: str  # the client option (a Ruby identifier)
    key: str  # the contract's neutral key
    env: str  # raw; escaped in templates
    sample: str  # raw; the value the generated tests give it
    rbs_name: str = ""  # the reader's name in RBS


@dataclass
class SchemeView:
    name: str  # the spec's scheme name, raw
    kind: str  # bearer | basic | api_key
    location: str  # header | query | cookie
    wire_name: str  # raw
    options: list[str]  # the client options holding its credentials


@dataclass
class Settings:
    gem: str  # gem name and require path
    mod: str  # top-level module
    version: str
    api_version: str
    title: str
    description: str | None
    base_url: str | None  # None: the client must be given one
    env_base_url: str
    credentials: list[CredentialView] = field(default_factory=list)
    schemes: list[SchemeView] = field(default_factory=list)

    @property
    def example_args(self) -> str:
        """The constructor arguments of the README's example (credential placeholders)."""
        def words(key: str) -> str:
            return " ".join("API" if w == "api" else w.capitalize() for w in key.split("_"))

        return ", ".join(f"{c.name}: {escape.string_literal('My ' + words(c.key))}" for c in self.credentials)

    @property
    def example_lines(self) -> list[str]:
        """The README's client construction (Ruby code in a fence)."""
        args = f"({self.example_args})" if self.credentials else ""
        return [f"client = {self.mod}::Client.new{args}"]

    @property
    def readme_options(self) -> list[str]:
        """The README's client options (Markdown; spec and config text only inside code spans)."""
        options = "".join(f"{c.name}:, " for c in self.credentials)
        signature = (f"`{self.mod}::Client.new({options}base_url:, max_retries: 2, timeout: 600, "
                     "default_headers: {}, default_query: {})`")
        lines = [signature, ""]
        lines += [f"- `{c.name}` defaults to `ENV[{_code_span(escape.string_literal(c.env))}]`." for c in self.credentials]
        if self.credentials:
            lines.append("- Credentials are checked when a request needs them: a method whose operation accepts none "
                         "of the\n  credentials given raises "
                         f"`{self.mod}::Errors::Error` (naming the options and environment variables) before sending.")
        env = _code_span(escape.string_literal(self.env_base_url))
        if self.base_url:
            lines.append(f"- `base_url` defaults to `ENV[{env}]`, else `{self.mod}::Client::DEFAULT_BASE_URL`.")
        else:
            lines.append(f"- `base_url` defaults to `ENV[{env}]`; the API names no absolute server, so without one "
                         f"the constructor raises `{self.mod}::Errors::Error`.")
        return lines


def _code_span(text: str) -> str:
    """Text inside a Markdown code span: one line, no backtick."""
    return " ".join(escape._CONTROL.sub(" ", text).split()).replace("`", "'")


# Options the client constructor already has.
CLIENT_OPTIONS = frozenset({"base_url", "timeout", "max_retries", "default_headers", "default_query"})


def settings_for(api: Api, config: Config, diags: Diagnostics) -> Settings:
    contract = contract_of(api, config)
    opts = config.target("ruby")
    title = config.name or api.title or "API"
    gem = str(opts.get("gem") or contract.names.snake or "api")
    gem_clean = re.sub(r"[^a-z0-9_]+", "_", gem.lower()).strip("_") or "api"
    if gem_clean[0].isdigit():
        gem_clean = f"api_{gem_clean}"
    if gem_clean in names.LIBRARY_FILES:  # lib/json.rb would be what `require "json"` loads
        gem_clean += "_sdk"
    if gem_clean != gem and opts.get("gem"):
        diags.warning(f"ruby gem name {gem!r} is not a plain lower-case name of its own; using {gem_clean!r}",
                      config.loc("targets", "ruby", "gem"))
    mod_raw = str(opts.get("module") or contract.names.client)
    mod = mod_raw if names.is_const(mod_raw) else names.const_ident((mod_raw,), frozenset())
    if mod in names.CONST_RESERVED or mod in names.TOP_CONSTANTS or mod in names.KEYWORDS:  # `module END`
        mod = f"{mod}SDK"
    if mod != mod_raw and opts.get("module"):
        diags.warning(f"ruby module name {mod_raw!r} is not a constant of its own; using {mod!r}",
                      config.loc("targets", "ruby", "module"))
    version = configured_version(api, config, "ruby", re.compile(r"[0-9]+(\.[0-9]+){0,3}").fullmatch,
                                 "a gem version (1.2.3)", diags)
    options = names.Namer(CLIENT_OPTIONS | names.KEYWORDS)
    credentials = [CredentialView(name=options.claim(names.method_ident(c.key, CLIENT_OPTIONS)), key=c.key, env=c.env,
                                  sample=credential_sample(c.key)) for c in contract.credentials]
    for cred in credentials:
        cred.rbs_name = rbs_method_name(cred.name)
    option_of = {c.key: c.name for c in credentials}
    schemes = [SchemeView(name=sc.name, kind=sc.kind, location=sc.location, wire_name=sc.wire_name,
                          options=[option_of[c.key] for c in sc.credentials]) for sc in contract.schemes]
    return Settings(gem=gem_clean, mod=mod, version=version, api_version=api.version, title=title,
                    description=api.description, base_url=contract.base_url,
                    env_base_url=contract.names.env_base_url, credentials=credentials, schemes=schemes)


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
    origin: str = ""  # the named IR type it declares (for the API surface)


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
                         deprecated=node.deprecated, origin=c.origin)
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
    location: str  # path | query | header | cookie | body | raw_body
    required: bool
    doc_type: str
    rbs: str
    description: str | None
    deprecated: bool
    style: str = ""  # parameters: the contract's style and explode
    explode: bool = False


@dataclass
class MethodView:
    name: str
    rbs_name: str
    http_method: str
    description: str | None
    deprecated: bool
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
    path: str  # the path template, raw (escaped in templates)
    params: list[ParamView]  # path, query, header and cookie parameters in declared order
    security: list[list[str]] | None  # alternatives of scheme names (raw); None: no credentials
    content_type: str | None  # the request's media type (raw)
    fields: dict[str, dict[str, object]]  # multipart/form fields with a special encoding
    accept: str | None  # raw
    response: str  # json | text | binary | sse | empty
    call_required: str  # test arguments: required only
    call_full: str  # test arguments: every one
    body_required: bool = False  # a required body is sent even when no field is given (an empty form)
    # the call decides whether it streams: True (events only), False (never events), None (the answer's type)
    streaming: bool | None = None
    stream_guard: ParamView | None = None  # the stream flag, refused when true (the _streaming twin sends it)
    streaming_twin: str | None = None  # the name of that twin
    value_of: dict[str, str] = field(default_factory=dict)  # body wire name -> a fixed Ruby value sent
    # a generated test calls it (not the _streaming twin: a mock server cannot answer its events)
    generated_test: bool = True
    aliases: list[tuple[str, str]] = field(default_factory=list)  # other names (Ruby, RBS): the config's layout


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


class ResourceBuilder:
    def __init__(self, api: Api, config: Config, tm: TypeMap, settings: Settings, page_classes: dict[str, str]):
        self.api = api
        self.config = config
        self.tm = tm
        self.s = settings
        self.pages = page_classes
        self.contract = contract_of(api, config)

    def build(self) -> list[ResourceFile]:
        files: list[ResourceFile] = []
        top_consts = names.Namer(RESOURCE_CONST_RESERVED | {self.s.mod})
        accessors = names.Namer(CLIENT_RESERVED | {c.name for c in self.s.credentials})
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
        made = [self.method(op, members) for op in res.operations]  # each: the method, then any twin
        methods = [m for views in made for m in views]
        for views, op in zip(made, res.operations):  # after every method: no derived name moves for one
            claimed = [members.claim(names.method_ident(alias, names.RESOURCE_METHODS)) for alias in op.aliases]
            views[0].aliases = [(alias, rbs_method_name(alias)) for alias in claimed]
        child_consts = names.Namer(RESOURCE_CONST_RESERVED | {self.s.mod, name})
        children = [self.resource(child, child_consts, members, qualified) for child in res.children]
        view = ResourceView(name=name, qualified=qualified, accessor=accessor, description=res.description,
                            methods=methods, children=children)
        view.accessor_rbs = rbs_method_name(accessor)
        view.test_class = names.const_ident(tuple(qualified.split("::")[2:]) + ("Test",), frozenset())
        return view

    def _param(self, p: Parameter, name: str, location: str, wire: OperationWire) -> ParamView:
        tm = self.tm
        required = p.required or location == "path"
        fact = next((w for w in wire.params if w.name == p.name and w.location == p.location), None)
        return ParamView(
            name=name, wire=p.name, location=location, required=required,
            doc_type=tm.doc_type(p.type) + ("" if required else ", nil"),
            rbs=_optional(tm.rbs(p.type, input=True), not required),
            description=p.description, deprecated=p.deprecated,
            style=fact.style if fact else "form", explode=fact.explode if fact else True,
        )

    def method(self, op: Operation, members: names.Namer) -> list[MethodView]:
        """The operation's method, and its ``_streaming`` twin when the contract's stream flag lets
        the call choose events (the plain method then never streams)."""
        tm = self.tm
        name = members.claim(names.method_ident(op.name, names.RESOURCE_METHODS))
        args = names.Namer(names.ARG_RESERVED | names.KEYWORDS)
        wire = self.contract.of(op)
        # the subject (the last path parameter) by position, the parents it lives under as keywords
        positional: list[ParamView] = []
        parents: list[ParamView] = []
        for p in op.path_params:
            (positional if op.is_subject(p) else parents).append(
                self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "path", wire))
        query = [self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "query", wire)
                 for p in op.params_in("query")]
        headers = [self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "header", wire)
                   for p in op.params_in("header")]
        cookies = [self._param(p, args.claim(names.method_ident(p.name, names.ARG_RESERVED)), "cookie", wire)
                   for p in op.params_in("cookie")]
        by_wire = {(p.location, p.wire): p for p in positional + parents + query + headers + cookies}
        params = [by_wire[(p.location, p.name)] for p in op.parameters if (p.location, p.name) in by_wire]
        params += [p for p in positional + parents if p not in params]
        body: list[ParamView] = []
        raw_body: ParamView | None = None
        body_model: str | None = None
        encoding: str | None = None
        fields: dict[str, dict[str, object]] = {}
        if op.body is not None:
            media = op.body.primary
            kind = wire.request.kind
            encoding = None if kind == "none" else f":{kind}"
            for enc in wire.request.fields:
                special: dict[str, object] = {}
                if enc.json:
                    special["json"] = True
                if enc.content_type and (enc.json or enc.file):
                    special["content_type"] = enc.content_type
                if kind == "form" and (enc.style, enc.explode) != ("form", True):
                    special["style"] = enc.style
                    special["explode"] = enc.explode
                if special:
                    fields[enc.name] = special
            resolved = tm.resolve(media.type)
            if isinstance(resolved, ObjectType) and resolved.properties and kind in ("json", "multipart", "form"):
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
                    ))
            else:
                pname = args.claim("body")
                raw_body = ParamView(
                    name=pname, wire="body", location="raw_body", required=op.body.required,
                    doc_type=tm.doc_type(media.type) + ("" if op.body.required else ", nil"),
                    rbs=_optional(tm.rbs(media.type, input=True), not op.body.required),
                    description=op.body.description, deprecated=False,
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
                if wire.response != "sse":
                    primary = read_media(self.api, success.contents)
            if wire.response == "json" and primary is not None and primary.is_json:
                model = tm.descriptor(primary.type, lazy=False)
                returns_doc = tm.doc_type(primary.type)
                returns_rbs = tm.rbs(primary.type)
                mc = tm.model_of(primary.type)
                if mc is not None and not primary.type.nullable:
                    assert_class = mc.qualified
            elif wire.response == "json":
                returns_doc, returns_rbs = "Object", "untyped"
            elif wire.response == "sse":
                returns_doc = f"{self.s.mod}::Internal::Stream"
                returns_rbs = f"{self.s.mod}::Internal::Stream"
                assert_class = returns_rbs
            elif wire.response == "binary":
                returns_doc, returns_rbs = "StringIO", "StringIO"  # the bytes, binary-encoded (ASCII-8BIT)
                assert_class = "StringIO"
            elif wire.response == "text":
                returns_doc, returns_rbs = "String", "String"
            if stream is not None and wire.response != "sse" and wire.stream_flag is None:
                returns_doc += f", {self.s.mod}::Internal::Stream"
                returns_rbs = f"({returns_rbs} | {self.s.mod}::Internal::Stream)"
                assert_class = None
        kw_all = parents + query + headers + cookies + body + ([raw_body] if raw_body else [])
        flag = next((p for p in body if wire.stream_flag and p.wire == wire.stream_flag), None)
        if flag is not None and stream is not None:
            stream = None  # the plain method: the other kind only
        sig, rbs_sig = _signatures(positional, kw_all)
        security = [list(alt) for alt in wire.security] if wire.security else None
        view = MethodView(
            name=name, rbs_name=rbs_method_name(name), http_method=op.method.lower(),
            description=op.description or op.summary, deprecated=op.deprecated,
            positional=positional, kwargs=[p for p in kw_all if p.required] + [p for p in kw_all if not p.required],
            query=query, headers=headers, body=body, raw_body=raw_body,
            body_model=body_model, encoding=encoding, model=model if wire.response == "json" else None, page=page,
            stream=stream, returns_doc=returns_doc, returns_rbs=returns_rbs, assert_class=assert_class,
            signature=sig, rbs_signature=rbs_sig,
            path=op.path, params=params, security=security,
            content_type=wire.request.media_type if encoding else None, fields=fields, accept=wire.accept,
            response=wire.response,
            call_required=self._call(op, positional, kw_all, only_required=True),
            call_full=self._call(op, positional, kw_all, only_required=False),
            body_required=bool(op.body and op.body.required),
            streaming=True if wire.always_streams else False if flag is not None else None,
        )
        if flag is None or success is None:
            return [view]
        sse = next(b for b in success.contents if b.is_event_stream)
        twin_kw = [p for p in kw_all if p is not flag]
        twin_sig, twin_rbs = _signatures(positional, twin_kw)
        stream_t = f"{self.s.mod}::Internal::Stream"
        twin = replace(
            view, name=members.claim(f"{name}_streaming"), kwargs=[p for p in view.kwargs if p is not flag],
            signature=twin_sig, rbs_signature=twin_rbs, model=None, stream=tm.descriptor(sse.type, lazy=False),
            returns_doc=stream_t, returns_rbs=stream_t, assert_class=stream_t, accept=wire.stream_accept,
            response="sse", streaming=True, value_of={flag.wire: "true"}, generated_test=False,
            call_required=self._call(op, positional, twin_kw, only_required=True),
            call_full=self._call(op, positional, twin_kw, only_required=False),
            description=(view.description + "\n\n" if view.description else "") + f"{name} with its results "
            "streamed as server-sent events (sends `" + flag.wire + ": true`).",
        )
        twin.rbs_name = rbs_method_name(twin.name)
        view.stream_guard, view.streaming_twin = flag, twin.name
        return [view, twin]

    def _call(self, op: Operation, positional: list[ParamView], kwargs: list[ParamView], *,
              only_required: bool) -> str:
        """The arguments of a generated test call: the neutral sample values, in Ruby."""
        names_of = {(p.location if p.location != "raw_body" else "body", p.wire if p.location != "raw_body" else ""):
                    p.name for p in kwargs}
        path_args: list[str] = []
        kw_args: list[str] = []
        for arg in operation_samples(self.api, op, only_required=only_required):
            if arg.location == "path" and arg.positional:
                path_args.append(sample_literal(arg.value, self.s.mod))
                continue
            name = names_of.get((arg.location, arg.name))
            if name is not None:
                kw_args.append(f"{name}: {sample_literal(arg.value, self.s.mod)}")
        return ", ".join(path_args + kw_args)


def _signatures(positional: list[ParamView], kw_all: list[ParamView]) -> tuple[str, str]:
    """A method's Ruby parameter list and its RBS one: path arguments, then keywords (required first)."""
    kwargs = [p for p in kw_all if p.required] + [p for p in kw_all if not p.required]
    sig = [p.name for p in positional]
    sig += [f"{p.name}:" for p in kwargs if p.required]
    sig += [f"{p.name}: {'OMIT' if p.location == 'body' else 'nil'}" for p in kwargs if not p.required]
    sig.append("request_options: {}")
    rbs_parts = [f"{p.rbs}{rbs_param_name(p.name)}" for p in positional]
    rbs_parts += [f"{'' if p.required else '?'}{p.name}: {p.rbs}" for p in kwargs]
    rbs_parts.append("?request_options: ::Hash[Symbol, untyped]")
    return ", ".join(sig), ", ".join(rbs_parts)


def sample_literal(value: object, mod: str) -> str:
    """A neutral sample value (JSON, or a FileSample) as a Ruby expression; files are a FilePart
    around a StringIO of the bytes, with the sample's file name."""
    if isinstance(value, FileSample):
        return (f"{mod}::FilePart.new(StringIO.new({escape.bytes_literal(value.content)}), "
                f"filename: {escape.string_literal(value.filename)})")
    if isinstance(value, list):
        return "[" + ", ".join(sample_literal(v, mod) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + ", ".join(f"{escape.string_literal(k)} => {sample_literal(v, mod)}" for k, v in value.items()) + "}"
    return escape.literal(value)


# Reader names the client already has.
CLIENT_RESERVED = frozenset({"api_key", "base_url", "timeout", "max_retries", "request", "default_headers",
                             "default_query", "authenticate", "with_options"}) | names.RESOURCE_METHODS


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
    next_path_literal: str = "[].freeze"  # a Ruby array literal of the keys


PAGE_RESERVED = frozenset({"items", "next_page", "next_page?", "auto_paging_each", "response", "each",
                           "to_a", "next_cursor", "raw", "request", "client", "item_type", "next_query", "next_value",
                           "dig", "link_next", "query_of", "inspect"})


def page_views(api: Api, mod: str, gem: str) -> list[PageView]:
    consts = names.Namer(frozenset({"Type", "BaseClient", "BasePage", "Stream", "RawResponse", "Util",
                                    "Resource", "SSEDecoder", "Multipart", "FilePart", mod}) | names.CONST_RESERVED)
    files = names.Namer(frozenset({"type", "base_client", "base_page", "stream", "util", "resource"}), fold=True)
    out: list[PageView] = []
    for scheme in api.page_schemes:
        name = consts.claim(names.const_ident((scheme.name,)))
        reader = names.method_ident(scheme.items, PAGE_RESERVED) if scheme.items else "items"

        def lit(value: str | None) -> str:
            return escape.string_literal(value) if value else "nil"

        stem = files.claim(names.file_ident(name))
        out.append(PageView(
            name=name, qualified=f"{mod}::Internal::{name}", style=escape.symbol_literal(scheme.style),
            items=lit(scheme.items), items_reader=reader, has_more=lit(scheme.has_more),
            cursor_param=lit(scheme.cursor_param), limit_param=lit(scheme.request_limit),
            next_cursor=lit(scheme.next_cursor), path=f"lib/{gem}/internal/{stem}.rb",
            next_path_literal="[" + ", ".join(escape.string_literal(key) for key in scheme.next_path) + "].freeze",
            require=f"{gem}/internal/{stem}", items_reader_rbs=rbs_method_name(reader),
        ))
    return out

