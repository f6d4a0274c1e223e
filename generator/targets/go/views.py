"""Go views: services, methods, params structs, pages and files to render."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...config import Config, PageScheme
from ...contract import Contract, FieldEncoding, OperationWire, ParamWire, contract_of, read_media
from ...diagnostics import Diagnostics
from ...ir import naming
from ...ir.model import Api, ConstType, MediaBody, ObjectType, Operation, PrimitiveType, Resource
from . import escape, names
from .types import Decl, FieldView, GoType, TypeMapper, align, deprecation, struct_lines, value_cycles

# names the runtime templates define in the root package
ROOT_RESERVED = frozenset(
    {"Client", "NewClient", "Error", "APIConnectionError", "APITimeoutError", "DecodeError", "String", "Int",
     "Float", "Bool", "Ptr", "DefaultBaseURL", "BaseURLEnv", "NewFile"}
)
# options the option package defines besides the credentials'
OPTION_NAMES = frozenset(
    {"RequestOption", "WithBaseURL", "WithMaxRetries", "WithRequestTimeout", "WithHeader", "WithHeaderAdd",
     "WithHeaderDel", "WithQuery", "WithHTTPClient", "WithResponseInto"}
)
VERBS = {"create": "New", "retrieve": "Get", "update": "Update", "list": "List", "delete": "Delete"}

_MODULE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*")
_PACKAGE = re.compile(r"[a-z][a-z0-9]*")


def _package_taken(name: str) -> bool:
    return name in names.KEYWORDS or name in names.STD_PACKAGES or name in ("core", "option", "ssestream", "main")


@dataclass
class PathArg:
    name: str
    type: str
    wire: str  # Go literal of the wire name
    is_string: bool


@dataclass
class PageView:
    name: str
    autopager: str
    constructor: str
    style: str
    items: FieldView
    has_more: FieldView | None
    next_cursor: FieldView | None
    cursor_param: str | None  # Go literal
    lines: list[str] = field(default_factory=list)
    whole_body: bool = False  # the body is the array of items
    next_path_literal: str = "[]string{}"  # Go literal: the keys down to the next cursor or URL
    cursor_only: bool = False  # the next cursor is the only sign of a next page


@dataclass
class MethodView:
    name: str
    doc: list[str]
    service: str
    args: list[PathArg]
    params: str | None
    path_expr: str  # Go literal of the path with its {name} placeholders
    http_method: str  # Go literal
    kind: str  # json | text | none | raw | page | stream
    result: str = ""  # Go result type (without the pointer)
    result_pointer: bool = True
    accept: str | None = None  # Go literal
    page: PageView | None = None
    autopager_name: str | None = None
    page_item: str = ""
    stream_of: MethodView | None = None  # the streaming variant of a JSON method
    stream_set: str | None = None  # Go statement turning streaming on in params
    operation: Operation | None = None
    wire_lines: list[str] = field(default_factory=list)  # the contract's facts, as Go statements on req
    aliases: list[str] = field(default_factory=list)  # other names of the method (the config's layout)

    @property
    def signature_args(self) -> str:
        parts = ["ctx context.Context"] + [f"{a.name} {a.type}" for a in self.args]
        if self.params:
            parts.append(f"params {self.params}")
        parts.append("opts ...option.RequestOption")
        return ", ".join(parts)

    @property
    def result_text(self) -> str:
        """What the method returns, as its signature says."""
        if self.kind == "stream":
            return f"*ssestream.Stream[{self.result}]"
        if self.kind == "none":
            return "error"
        if self.kind == "raw":
            return "(*http.Response, error)"
        pointer = "*" if self.kind == "page" or self.result_pointer else ""
        return f"({pointer}{self.result}, error)"

    @property
    def call_args(self) -> str:
        parts = ["ctx"] + [a.name for a in self.args] + (["params"] if self.params else []) + ["opts..."]
        return ", ".join(parts)


@dataclass
class ServiceView:
    name: str
    constructor: str
    doc: list[str]
    base: str
    resource: Resource
    children: list[tuple[str, "ServiceView"]] = field(default_factory=list)
    methods: list[MethodView] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass
class CredentialView:
    key: str  # the contract's neutral key
    env: str
    option: str  # option.<option>
    const: str  # the root package's constant naming the environment variable


@dataclass
class ParamsView:
    decl: Decl
    apply: list[str]


@dataclass
class FileView:
    path: str
    services: list[ServiceView]
    params: list[ParamsView]
    decls: list[Decl]
    imports_std: list[str]
    imports_pkg: list[str]


class Builder:
    def __init__(self, api: Api, config: Config, diags: Diagnostics):
        self.api = api
        self.config = config
        self.diags = diags
        self.settings = config.target("go")
        self.contract: Contract = contract_of(api, config)
        self.namer = names.Namer(ROOT_RESERVED)
        options = names.Namer(OPTION_NAMES)
        self.credentials: list[CredentialView] = []
        for cred in self.contract.credentials:
            word = names.exported(cred.key, "Credential")
            option = "With" + word
            if options.taken(option):
                option += "Credential"
            self.credentials.append(CredentialView(key=cred.key, env=cred.env, option=options.claim(option),
                                                   const=self.namer.claim(word + "Env")))
        self.mapper = TypeMapper(api, self.namer)
        self.pages: dict[str, PageView] = {}
        self.services: list[ServiceView] = []
        self.params: dict[int, ParamsView] = {}  # id(op) -> params
        self.method_extra: dict[str, list[Decl]] = {}  # top resource -> hoisted result decls

    # -------------------------------------------------------------- settings
    def module_path(self) -> str:
        """The configured module path when Go accepts it (and it is not the standard library's), else
        one derived from the API's name."""
        module = self.settings.get("module")
        if isinstance(module, str) and _MODULE.fullmatch(module) and ".." not in module and not (
                "." not in module.split("/")[0] and module.split("/")[0] in names.STD_ROOTS):
            return module
        fallback = "example.com/" + (self.contract.names.kebab or "api") + "-go"
        if module is not None:
            self.diags.warning(f"targets.go.module {module!r} is not a usable Go module path; using {fallback}",
                               self.config.loc("targets", "go", "module"))
        return fallback

    def package_name(self) -> str:
        """The configured package name when it is a plain Go name that no import beside it takes (a
        keyword, the SDK's own subpackages, the standard library's packages), else a derived one."""
        pkg = self.settings.get("package")
        if isinstance(pkg, str) and _PACKAGE.fullmatch(pkg) and not _package_taken(pkg):
            return pkg
        fallback = "".join(w.lower() for w in self.contract.names.words) or "api"
        if fallback[0].isdigit() or _package_taken(fallback):
            fallback = "api" + fallback
        if pkg is not None:
            self.diags.warning(f"targets.go.package {pkg!r} is not a usable Go package name; using {fallback}",
                               self.config.loc("targets", "go", "package"))
        return fallback

    # ----------------------------------------------------------------- build
    def build(self, names_only: bool = False) -> None:
        """Decide every declaration; ``names_only`` (for the docs) skips laying out struct bodies."""
        for op in self.api.operations:
            if op.pagination and op.pagination.scheme not in self.pages:
                self._claim_page(op.pagination.scheme)
        for resource in self.api.resources:
            self.services.append(self._claim_service(resource))
        self.mapper.claim_named()
        self.mapper.build_all()
        for page in self.pages.values() if not names_only else ():
            page.lines = struct_lines([f for f in (page.items, page.has_more, page.next_cursor) if f])
        for service in self.services:
            self._build_methods(service, service)
        structs = [d for d in self._all_decls() if d.kind == "struct"]
        for owner, fname in value_cycles(structs):
            for decl in structs:
                if decl.name == owner:
                    for f in decl.fields:
                        if f.name == fname:
                            f.pointer = True
        for decl in structs if not names_only else ():
            decl.lines = struct_lines(decl.fields)

    def _all_decls(self) -> list[Decl]:
        out: list[Decl] = []

        def walk(decl: Decl) -> None:
            out.append(decl)
            for child in decl.children:
                walk(child)

        for decl in self.mapper.order:
            walk(decl)
        for p in self.params.values():
            walk(p.decl)
        for extra in self.method_extra.values():
            for decl in extra:
                walk(decl)
        return out

    def _claim_page(self, scheme_name: str) -> None:
        scheme = next((s for s in self.api.page_schemes if s.name == scheme_name), None)
        if scheme is None:
            return
        name = self.namer.claim(names.exported(scheme.name, "Page", keep_spelling=True))
        fields = names.Namer(names.STRUCT_METHODS | {"GetNextPage"})

        def page_field(wire: str, gotype: GoType) -> FieldView:
            return FieldView(name=fields.claim(names.exported(wire, "Field")), wire=wire, type=gotype,
                             required=True, nullable=False, doc=[])

        # an items field of "" (a Link header page of a bare array): the body is the items
        items = page_field(scheme.items or "-", GoType("[]T", "nilable"))
        if not scheme.items:
            items.name = fields.claim("Items")
        has_more = page_field(scheme.has_more, GoType("bool", "scalar")) if scheme.has_more else None
        next_cursor = page_field(scheme.next_cursor, GoType("string", "scalar")) if scheme.next_cursor else None
        self.pages[scheme_name] = PageView(
            name=name,
            autopager=self.namer.claim(name + "AutoPager"),
            constructor=self.namer.claim("New" + name + "AutoPager"),
            style=scheme.style,
            items=items,
            has_more=has_more,
            next_cursor=next_cursor,
            cursor_param=escape.string_literal(scheme.cursor_param) if scheme.cursor_param else None,
            whole_body=not scheme.items,
            next_path_literal="[]string{" + ", ".join(escape.string_literal(key) for key in scheme.next_path) + "}",
            cursor_only=bool(scheme.next_path) and not scheme.has_more,
        )

    def _claim_service(self, resource: Resource) -> ServiceView:
        base = names.type_name(tuple(naming.singular(w) for w in resource.path))
        service = ServiceView(
            name=self.namer.claim(base + "Service"),
            constructor=self.namer.claim("New" + base + "Service"),
            doc=escape.doc_lines(resource.description),
            base=base,
            resource=resource,
        )
        members = names.Namer({"Options"})
        for child in resource.children:
            child_view = self._claim_service(child)
            service.children.append((members.claim_first(names.exported(child.name, "Resource"),
                                                         names.exported(f"{child.name}_resource", "Resource")),
                                     child_view))
        service.members = members  # type: ignore[attr-defined]
        for op in resource.operations:
            wanted = VERBS.get(op.name) or names.exported(op.name, "Call")
            # `create` and a spec's own `new` are both New; an OPTIONS call meets the Options field
            fallback = names.exported(f"{op.name}_{naming.singular(resource.name)}", "Call")
            method = MethodView(name=members.claim_first(wanted, names.exported(op.name, "Call"), fallback), doc=[], service=service.name, args=[], params=None,
                                path_expr="", http_method=escape.string_literal(op.method.upper()), kind="json",
                                operation=op)
            if self._has_params(op):
                method.params = self.namer.claim(base + method.name + "Params")
            service.methods.append(method)
            if op.pagination and op.pagination.scheme in self.pages:
                method.autopager_name = members.claim(method.name + "AutoPaging")
            # an operation answering events or another kind: New returns the other kind,
            # NewStreaming the events (turning the contract's stream flag on, when it has one)
            if op.streams and not self.contract.of(op).always_streams:
                stream = MethodView(name=members.claim(method.name + "Streaming"), doc=[], service=service.name,
                                    args=[], params=method.params, path_expr="", http_method=method.http_method,
                                    kind="stream", operation=op)
                method.stream_of = stream
        for method in service.methods:  # after every method: no derived name moves for an alias
            assert method.operation is not None
            method.aliases = [members.claim_first(VERBS.get(alias) or names.exported(alias, "Call"))
                              for alias in method.operation.aliases]
        rows: list[list[str] | str] = [["Options", "[]option.RequestOption"]]
        for fname, child_view in service.children:
            rows.append([fname, child_view.name])
        service.lines = align(rows)
        return service

    @staticmethod
    def _has_params(op: Operation) -> bool:
        return bool(op.params_in("query") or op.params_in("header") or op.params_in("cookie") or op.body)

    # --------------------------------------------------------------- methods
    def _build_methods(self, service: ServiceView, top: ServiceView) -> None:
        extra = self.method_extra.setdefault(top.name, [])
        holder = Decl(kind="holder", name="")
        for method in service.methods:
            op = method.operation
            assert op is not None
            method.doc = deprecation(escape.doc_lines(op.description or op.summary), op.deprecated)
            args = names.Namer()
            for param in op.path_params:
                gtype = self.mapper.go_type(param.type, service.base + method.name + names.exported(param.name))
                arg_type = gtype.expr if gtype.kind == "scalar" else "string"
                method.args.append(PathArg(name=args.claim(names.unexported(param.name, "id")), type=arg_type,
                                           wire=escape.string_literal(param.name),
                                           is_string=arg_type == "string"))
            wire = self.contract.of(op)
            method.path_expr = escape.string_literal(op.path.lstrip("/"))
            by_name = {p.name: p for p in wire.params if p.location == "path"}
            for param, arg in zip(op.path_params, method.args):
                pw = by_name.get(param.name)
                if pw is not None:
                    method.wire_lines.append(f"req.PathParam({param_literal(pw)}, {arg.name})")
            method.wire_lines.extend(wire_lines(wire))
            if method.params:
                self._build_params(method, op)
            self.mapper.build_owned(holder, lambda: self._result(method, op, service.base))
            if method.stream_of is not None:
                stream = method.stream_of
                stream.doc = method.doc + ([""] if method.doc else []) + [
                    f"{stream.name} is {method.name} with its results streamed as server-sent events."]
                stream.args = method.args
                stream.path_expr = method.path_expr
                stream.wire_lines = list(method.wire_lines)
                self.mapper.build_owned(holder, lambda: self._stream_result(stream, op, service.base))
                flag_name = self.contract.of(op).stream_flag
                if stream.params and flag_name:
                    pv = self.params[id(op)]
                    flag = next((f for f in pv.decl.fields if f.wire == flag_name and f.location == "body"
                                 and f.type.expr == "bool"), None)
                    if flag is not None:
                        stream.stream_set = (f"params.{flag.name} = core.True()" if flag.pointer
                                             else f"params.{flag.name} = true")
                        # New never asks for events: it returns the other kind
                        method.stream_set = (f"params.{flag.name} = core.False()" if flag.pointer
                                             else f"params.{flag.name} = false")
        extra.extend(holder.children)
        for _, child in service.children:
            self._build_methods(child, top)

    def _result(self, method: MethodView, op: Operation, base: str) -> None:
        kind = self.contract.of(op).response
        body = read_media(self.api, op.success.contents) if op.success and kind != "sse" else op.success_body
        if body is None:
            body = next((c for r in op.responses if r.is_success for c in r.contents), None)
        if kind == "empty" or body is None:
            method.kind = "none"
            return
        if kind == "sse":
            self._stream_result(method, op, base)
            return
        if kind == "binary":
            method.kind = "raw"
            return
        if kind == "text":
            method.kind = "text"
            method.result = "string"
            method.result_pointer = False
            return
        if op.pagination and op.pagination.scheme in self.pages and body.is_json:
            page = self.pages[op.pagination.scheme]
            item = self.mapper.go_type(op.pagination.item, base + method.name + "Response")
            method.kind = "page"
            method.page = page
            method.result = f"{page.name}[{item.expr}]"
            method.page_item = item.expr
            return
        gtype = self.mapper.go_type(body.type, base + method.name + "Response")
        method.kind = "json"
        method.result = gtype.expr
        method.result_pointer = gtype.kind != "nilable"

    def _stream_result(self, method: MethodView, op: Operation, base: str) -> None:
        response = op.success
        media: MediaBody | None = None
        for content in response.contents if response else []:
            if content.is_event_stream:
                media = content
        method.kind = "stream"
        method.accept = escape.string_literal(self.contract.of(op).stream_accept or "text/event-stream")
        method.wire_lines = [line for line in method.wire_lines if not line.startswith("req.Accept =")]
        method.wire_lines.append(f"req.Accept = {method.accept}")
        if media is None:
            method.result = "any"
            return
        method.result = self.mapper.go_type(media.type, base + method.name.removesuffix("Streaming") + "Event").expr

    def _build_params(self, method: MethodView, op: Operation) -> None:
        assert method.params
        decl = Decl(kind="struct", name=method.params, is_params=True)
        decl.doc = [f"{method.params} holds the parameters of {method.service.removesuffix('Service')}."
                    f"{method.name}."]
        fields = names.Namer(names.STRUCT_METHODS)
        apply: list[str] = []
        owner = method.params

        wire = self.contract.of(op)
        encodings = {f.name: f for f in wire.request.fields}

        def fill() -> None:
            body = op.body.primary if op.body else None
            if body is not None:
                resolved = self.api.resolve(body.type)
                multipart = body.is_multipart
                if isinstance(resolved, ObjectType) and (body.is_json or multipart or body.is_form):
                    props = self.mapper.object_fields(resolved, owner, binary_ok=multipart, namer=fields)
                    decl.fields.extend(props)
                    if body.is_json:
                        apply.append("req.Value = p")
                        nullable = [f for f in props if f.nullable and not f.required]
                        if nullable:
                            nulls = self.mapper.make_field(
                                fields.claim("NullFields"), "", GoType("[]string", "nilable"), False, False,
                                ["NullFields names optional fields (by their Go names) sent as JSON null."],
                                location="nulls")
                            decl.fields.append(nulls)
                            apply.append(f"req.NullFields = p.{nulls.name}")
                    else:
                        for f in props:
                            enc = encodings.get(f.wire)
                            apply.append(f"req.Field({field_literal(enc, f.wire, body.is_form)}, p.{f.name})")
                else:
                    gtype = self.mapper.go_type(body.type, owner + "Body", binary_ok=True)
                    required = bool(op.body and op.body.required)
                    f = self.mapper.make_field(fields.claim("Body"), "", gtype, required, body.type.nullable,
                                               escape.doc_lines(op.body.description if op.body else None),
                                               location="value")
                    f.node, f.binary_ok = body.type, True
                    decl.fields.append(f)
                    nil_check = f.pointer or gtype.kind == "nilable"
                    stmt = f"req.Value = p.{f.name}"
                    if nil_check:
                        apply.append(f"if p.{f.name} != nil {{")
                        apply.append("\t" + stmt)
                        apply.append("}")
                    else:
                        apply.append(stmt)
            by_key = {(p.location, p.name): p for p in wire.params}
            for location, suffix in (("query", "Param"), ("header", "Header"), ("cookie", "Cookie")):
                for param in op.params_in(location):
                    gtype = self.mapper.go_type(param.type, owner + names.exported(param.name, suffix))
                    f = self.mapper.make_field(fields.claim(names.exported(param.name, suffix)), param.name, gtype,
                                               param.required, param.type.nullable,
                                               deprecation(escape.doc_lines(param.description), param.deprecated),
                                               location=location)
                    f.node = param.type
                    decl.fields.append(f)
                    pw = by_key.get((location, param.name))
                    if pw is not None:
                        apply.append(f"req.Param({param_literal(pw)}, p.{f.name})")

        self.mapper.build_owned(decl, fill)
        self.params[id(op)] = ParamsView(decl=decl, apply=apply)

    # ----------------------------------------------------------------- files
    def files(self) -> list[FileView]:
        out: list[FileView] = []
        file_names = names.Namer({"client", "schema_types", "pagination", "doc", "helpers", "option", "ssestream",
                                  "internal"}, fold=True)
        for service in self.services:
            services: list[ServiceView] = []
            params: list[ParamsView] = []

            def walk(s: ServiceView) -> None:
                services.append(s)
                for m in s.methods:
                    if m.operation is not None and id(m.operation) in self.params:
                        params.append(self.params[id(m.operation)])
                for _, child in s.children:
                    walk(child)

            walk(service)
            decls = self.method_extra.get(service.name, [])
            std = {"context"}
            pkg = {"internal/core", "option"}
            text = self._decl_text(decls + [p.decl for p in params])
            for s in services:
                for m in s.methods:
                    if m.kind in ("raw", "stream") or m.stream_of is not None:
                        std.add("net/http")
                    if m.kind == "stream" or m.stream_of is not None:
                        pkg.add("ssestream")
            self._std_imports(text, std)
            if any(_uses_json(d) for d in self._flat(decls + [p.decl for p in params])):
                std.add("encoding/json")
            base = names.file_base(service.resource.name)
            out.append(FileView(path=file_names.claim(base) + ".go", services=services, params=params,
                                decls=decls, imports_std=sorted(std), imports_pkg=sorted(pkg)))
        return out

    @staticmethod
    def _flat(decls: list[Decl]) -> list[Decl]:
        out: list[Decl] = []

        def walk(d: Decl) -> None:
            out.append(d)
            for c in d.children:
                walk(c)

        for d in decls:
            walk(d)
        return out

    def _decl_text(self, decls: list[Decl]) -> str:
        parts: list[str] = []
        for d in self._flat(decls):
            parts.append(d.base)
            parts.extend(f.type_expr for f in d.fields)
            parts.extend(v.type for v in d.variants)
        return " ".join(parts)

    @staticmethod
    def _std_imports(text: str, std: set[str]) -> None:
        if "io.Reader" in text:
            std.add("io")

    def models_imports(self) -> tuple[list[str], list[str]]:
        decls = self._flat(self.mapper.order)
        std: set[str] = set()
        pkg: set[str] = set()
        self._std_imports(self._decl_text(self.mapper.order), std)
        if any(_uses_json(d) for d in decls):
            std.add("encoding/json")
            pkg.add("internal/core")
        return sorted(std), sorted(pkg)


def param_literal(pw: ParamWire) -> str:
    """The contract's facts about a parameter as a Go ``core.Param`` literal."""
    explode = ", Explode: true" if pw.explode else ""
    return (f"core.Param{{Name: {escape.string_literal(pw.name)}, In: {escape.string_literal(pw.location)}, "
            f"Style: {escape.string_literal(pw.style)}{explode}}}")


def field_literal(enc: FieldEncoding | None, wire: str, form: bool = False) -> str:
    """A multipart or form field's encoding as a Go ``core.Field`` literal (a form field's with its
    style and explode)."""
    parts = [f"Name: {escape.string_literal(wire)}"]
    if form:
        style, explode = (enc.style, enc.explode) if enc is not None else ("form", True)
        parts.append(f"Style: {escape.string_literal(style)}")
        if explode:
            parts.append("Explode: true")
    if enc is not None:
        if enc.file:
            parts.append("File: true")
        if enc.json:
            parts.append("JSON: true")
        if enc.content_type and (enc.file or enc.json):
            content_type = enc.content_type.split(",")[0].strip()
            if content_type and "*" not in content_type:
                parts.append(f"ContentType: {escape.string_literal(content_type)}")
    return "core.Field{" + ", ".join(parts) + "}"


def wire_lines(wire: OperationWire) -> list[str]:
    """The operation's Accept, security alternatives and body encoding as statements on ``req``."""
    lines: list[str] = []
    if wire.accept:
        lines.append(f"req.Accept = {escape.string_literal(wire.accept)}")
    if wire.security:
        alts = ", ".join("{" + ", ".join(escape.string_literal(n) for n in alt) + "}" for alt in wire.security)
        lines.append(f"req.Security = [][]string{{{alts}}}")
    request = wire.request
    if request.kind != "none":
        lines.append(f"req.BodyKind = {escape.string_literal(request.kind)}")
        media = request.media_type or ""
        if request.kind == "binary" and (not media or "*" in media):
            media = "application/octet-stream"
        if request.kind == "multipart":
            media = "multipart/form-data"
        if media:
            lines.append(f"req.ContentType = {escape.string_literal(media)}")
    return lines


def _uses_json(decl: Decl) -> bool:
    return decl.kind == "union" or (decl.kind == "struct" and (not decl.is_params or decl.needs_marshal))


def uses_constants(decl: Decl) -> bool:
    return bool(decl.const_fields)


__all__ = ["Builder", "PageScheme", "PrimitiveType", "ConstType", "field_literal", "param_literal", "uses_constants",
           "wire_lines"]
