"""TypeScript views: the IR turned into view objects the templates loop over.

Every decision (names, types, layout of long lines) is made here; templates only
fill slots.  Spec strings reach the output through the escapers in
:mod:`.escape`, either here (inside laid-out type expressions) or as Jinja filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...config import Config, PageScheme
from ...contract import Contract, FieldEncoding, OperationWire, contract_of, read_media
from ...diagnostics import Diagnostics
from ...versioning import configured_version
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
    Property,
    RefType,
    Resource,
    TypeNode,
    UnionType,
)
from ..common.aliases import alias_refs, without_self_reference
from ..common.samples import FileSample, SampleArg, credential_sample, operation_samples
from . import escape, fmt, names

STATIC_RUNTIME = ("core.ts", "error.ts", "streaming.ts", "uploads.ts", "wire.ts")
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")
# npm's rules for a new package: lower case, URL-safe, no leading . or _, none of ~'!()*
_NPM_NAME = re.compile(r"(?:@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*")
# npm refuses a new package named like one of Node's core modules (and these two)
_NPM_REFUSED = frozenset({
    "assert", "async_hooks", "buffer", "child_process", "cluster", "console", "constants", "crypto", "dgram",
    "diagnostics_channel", "dns", "domain", "events", "fs", "http", "http2", "https", "inspector", "module", "net",
    "os", "path", "perf_hooks", "process", "punycode", "querystring", "readline", "repl", "stream",
    "string_decoder", "sys", "timers", "tls", "trace_events", "tty", "url", "util", "v8", "vm", "wasi",
    "worker_threads", "zlib", "node_modules", "favicon.ico",
})


# ----------------------------------------------------------------------------- views

# the members every object literal has through Object.prototype (TypeScript's `Object` interface): an
# optional member of that name typed as the spec says made every literal that leaves it out (`{}`, the
# params' default) fail to type-check, since the literal's inherited method is not that type
OBJECT_MEMBERS = frozenset({"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
                            "toLocaleString", "toString", "valueOf"})


def _is_interface(node: TypeNode) -> bool:
    """Named types written as interfaces: an alias's walk ends there (tsc lets interfaces recurse)."""
    return isinstance(node, ObjectType) and bool(node.properties)


def member_signature(name: str, optional: bool, t: fmt.T, indent: int) -> str:
    """An interface member for the wire name ``name``: an optional one named as an Object.prototype member
    also admits that member's own type (what reading it gives when the object has no such property)."""
    if optional and name in OBJECT_MEMBERS:
        t = fmt.union([t, fmt.simple(f"Object[{escape.string_literal(name)}]")])
    return fmt.property_signature(escape.property_key(name), optional, t, indent)

@dataclass
class MemberView:
    doc: str | None
    deprecated: bool
    signature: str  # laid out, without indentation handling beyond its own


@dataclass
class ModelView:
    name: str
    doc: str | None
    deprecated: bool
    kind: str  # interface | alias
    members: list[MemberView] = field(default_factory=list)
    alias: str = ""  # laid-out `export type X = ...;`
    head: str = ""  # `export interface X {` (or with extends)
    origin: str = ""  # the named IR type it declares (for the API surface)


@dataclass
class MethodView:
    name: str
    doc: str | None
    deprecated: bool
    signatures: list[str]  # laid-out overload signatures (`...;`) then the implementation's (`... {`)
    call: str  # requestPage | request
    spec: str  # the request's laid-out properties (`method: "get",` ...), without `options,`
    page: str | None
    # the implementation's parameters and result, and the operation (for the API surface)
    params: list[fmt.Param] = field(default_factory=list)
    returns: fmt.T | None = None
    op: Operation | None = None
    call_path: list[str] = field(default_factory=list)  # client.<...>: the members that reach it
    aliases: list[str] = field(default_factory=list)  # other names of the method (the config's layout)


@dataclass
class CredentialView:
    option: str  # the client option (camelCase)
    env: str
    sample: str  # the value the generated tests give it
    schemes: list[str]  # the spec names of the schemes that use it


@dataclass
class ChildView:
    prop: str
    cls: str
    field: str  # laid-out `prop = new Cls(...);`
    import_line: str = ""


@dataclass
class ResourceView:
    cls: str
    prop: str
    file: str  # path under src/, without extension
    doc: str | None
    methods: list[MethodView] = field(default_factory=list)
    children: list[ChildView] = field(default_factory=list)
    child_imports: list[str] = field(default_factory=list)  # laid-out import lines
    imports: list[str] = field(default_factory=list)
    types: list[ModelView] = field(default_factory=list)  # params/response types declared here
    exported_types: list[str] = field(default_factory=list)


@dataclass
class PageView:
    name: str
    style: str
    items_field: str
    has_more: str | None
    next_cursor: str | None
    param: str | None
    next_path: tuple[str, ...] = ()

    @property
    def class_head(self) -> str:
        """``export class X<Item> extends AbstractPage<Item> {``, as prettier lays it out when it is
        longer than a line (the type parameters one a line)."""
        line = f"export class {self.name}<Item> extends AbstractPage<Item> {{"
        if len(line) <= 80:
            return line
        return f"export class {self.name}<\n  Item,\n> extends AbstractPage<Item> {{"

    @property
    def scheme_lines(self) -> list[str]:
        """The page class's ``PageScheme`` (see pagination.ts), one property a line."""
        def lit(value: str | None) -> str:
            return escape.string_literal(value) if value is not None else "null"
        return [f"style: {lit(self.style)},", f"items: {lit(self.items_field)},", f"param: {lit(self.param)},",
                f"hasMore: {lit(self.has_more)},", f"nextPath: [{', '.join(lit(k) for k in self.next_path)}],"]


@dataclass
class TestCase:
    text: str  # laid-out object literal for one case


# ----------------------------------------------------------------------------- builder
class TypeScriptViews:
    def __init__(self, api: Api, config: Config, diags: Diagnostics):
        self.api = api
        self.config = config
        self.diags = diags
        self.settings = config.target("typescript")
        self.contract: Contract = contract_of(api, config)
        self.credential_options = self._credential_options()
        self.client_name = self._client_name()
        self.global_names = names.Namer(
            set(names.TYPE_RESERVED) | set(names.RESERVED) | {self.client_name, f"{self.client_name}Options"}
        )
        self.type_names: dict[str, str] = {}
        self.page_names: dict[str, str] = {}
        self.uses_uploadable = False
        self.call_paths: dict[int, list[str]] = {}
        self.alias_names: dict[int, list[str]] = {}  # id(op) -> its aliases' member names
        # id(op) -> how a body that is not an object of properties is passed: the whole params
        # argument ("whole"), its `body` member ("field"), or not at all (None)
        self.body_shapes: dict[int, str | None] = {}
        # id(op) -> (location, wire name) -> the params member of each non-path parameter
        self.param_keys: dict[int, dict[tuple[str, str], str]] = {}
        self._defining: str | None = None  # the named type whose model is being built

    # --------------------------------------------------------------- settings
    def _client_name(self) -> str:
        wanted = self.settings.get("client")
        if isinstance(wanted, str) and re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", wanted) and not _taken(wanted):
            return wanted
        if wanted is not None:
            self.diags.warning(f"typescript.client {wanted!r} is not a usable class name; derived one used",
                               self.config.loc("targets", "typescript", "client"))
        derived = self.contract.names.client  # ASCII letters and digits, never a leading digit
        if _taken(derived):
            # "Promise" would shadow the global; "Client" would declare "ClientOptions" beside the runtime's
            return "Api" + derived if derived.endswith("Client") else derived + "Client"
        return derived

    def package_name(self) -> str:
        wanted = self.settings.get("package")
        if isinstance(wanted, str) and _NPM_NAME.fullmatch(wanted) and len(wanted) <= 214 and \
                wanted not in _NPM_REFUSED:
            return wanted
        if wanted is not None:
            self.diags.warning(f"typescript.package {wanted!r} is not a valid npm package name; derived one used",
                               self.config.loc("targets", "typescript", "package"))
        derived = self.contract.names.kebab or "api-client"
        return derived + "-sdk" if derived in _NPM_REFUSED else derived

    def version(self) -> str:
        return configured_version(self.api, self.config, "typescript", _SEMVER.fullmatch,
                                  "a semantic version (1.2.3)", self.diags)

    def default_base_url(self) -> str | None:
        """The contract's base URL; None: the client must be given one."""
        return self.contract.base_url

    def credentials(self) -> list[CredentialView]:
        """The client's credential options, in the contract's order."""
        out: list[CredentialView] = []
        for cred in self.contract.credentials:
            schemes = [s.name for s in self.contract.schemes if cred in s.credentials]
            out.append(CredentialView(option=self.credential_options[cred.key], env=cred.env,
                                      sample=credential_sample(cred.key), schemes=schemes))
        return out

    def _credential_options(self) -> dict[str, str]:
        taken = names.Namer(set(names.CLIENT_OPTIONS) | set(names.RESERVED))
        return {cred.key: taken.claim(names.camel(cred.key) or "credential")
                for cred in self.contract.credentials}

    def client_config(self) -> str:
        """The laid-out properties of the client's `ClientConfig` (indent 2), after `baseURL`."""
        creds = [Obj([("option", Str(self.credential_options[c.key])), ("env", Str(c.env))])
                 for c in self.contract.credentials]
        schemes = []
        for scheme in self.contract.schemes:
            schemes.append((escape.property_key(scheme.name), Obj([
                ("kind", Str(scheme.kind)), ("in", Str(scheme.location)), ("name", Str(scheme.wire_name)),
                ("credentials", Arr([Str(self.credential_options[c.key]) for c in scheme.credentials])),
            ])))
        props: list[tuple[str, Any]] = [("baseURLEnv", Str(self.contract.names.env_base_url)),
                                        ("credentials", Arr(creds)), ("schemes", Obj(schemes, raw_keys=True))]
        return object_lines(props, 2)

    # --------------------------------------------------------------- types
    def type_of(self, node: TypeNode, depth: int = 0) -> fmt.T:
        t = self._bare(node, depth)
        if node.nullable and not (isinstance(node, PrimitiveType) and node.primitive in ("null", "any")):
            t = fmt.nullable(t)
        return t

    def _bare(self, node: TypeNode, depth: int) -> fmt.T:
        if depth > 40:
            return fmt.simple("unknown")
        if isinstance(node, RefType):
            name = self.type_names.get(node.name)
            return fmt.simple(name) if name else fmt.simple("unknown")
        if isinstance(node, PrimitiveType):
            if node.is_binary:
                self.uses_uploadable = True
                return fmt.simple("Uploadable")
            return fmt.simple({"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
                               "null": "null", "any": "unknown"}[node.primitive])
        if isinstance(node, EnumType):
            members = []
            for value in node.values:
                lit = escape.literal_type(value)
                members.append(fmt.simple(lit) if lit else self._primitive(node.primitive))
            return fmt.union(members) if members else fmt.simple("never")
        if isinstance(node, ConstType):
            lit = escape.literal_type(node.value)
            return fmt.simple(lit) if lit else self._primitive(node.primitive)
        if isinstance(node, ArrayType):
            return fmt.generic("Array", self.type_of(node.items, depth + 1))
        if isinstance(node, MapType):
            values = self.type_of(node.values, depth + 1)
            if self._defining is not None and self._defining in self._alias_refs(node.values, through_maps=True):
                # `type X = Record<string, X>` is circular to tsc; an index signature is resolved lazily
                return fmt.index_map(values)
            return fmt.generic("Record", fmt.simple("string"), values)
        if isinstance(node, UnionType):
            return fmt.union([self.type_of(v, depth + 1) for v in node.variants]) if node.variants else fmt.simple(
                "unknown")
        if isinstance(node, ObjectType):
            # inline objects are hoisted by the IR; one left here is typed loosely
            return fmt.generic("Record", fmt.simple("string"), fmt.simple("unknown"))
        return fmt.simple("unknown")

    @staticmethod
    def _primitive(kind: str) -> fmt.T:
        return fmt.simple({"integer": "number", "number": "number", "boolean": "boolean", "string": "string",
                           "null": "null"}.get(kind, "unknown"))

    def _members(self, props: list[Property], indent: int, optional_all: bool = False) -> list[MemberView]:
        out = []
        for prop in props:
            optional = optional_all or not prop.required
            sig = member_signature(prop.name, optional, self.type_of(prop.type), indent)
            out.append(MemberView(doc=prop.description, deprecated=prop.deprecated, signature=sig))
        return out

    def _interface_head(self, name: str, extends: str | None = None) -> str:
        return f"export interface {name}" + (f" extends {extends}" if extends else "") + " {"

    def model_view(self, name: str, node: TypeNode, doc: str | None, deprecated: bool,
                   key: str | None = None) -> ModelView:
        if isinstance(node, ObjectType) and node.properties:
            return ModelView(name=name, doc=doc, deprecated=deprecated, kind="interface",
                             members=self._members(node.properties, 2), head=self._interface_head(name))
        if key is not None:
            # `type X = A | X` is a circular alias to tsc: a union member (or the whole alias) that comes
            # back to X without passing through an interface, array or record adds nothing to X; drop it
            kept = without_self_reference(key, node, self.api, _is_interface)
            t = self.type_of(kept) if kept is not None else fmt.simple("unknown")
            return ModelView(name=name, doc=doc, deprecated=deprecated, kind="alias", alias=fmt.type_alias(name, t))
        t = self.type_of(node)
        return ModelView(name=name, doc=doc, deprecated=deprecated, kind="alias", alias=fmt.type_alias(name, t))

    def _alias_refs(self, node: TypeNode, through_maps: bool = False) -> set[str]:
        """Named types a type alias for ``node`` refers to directly (through unions and other such
        aliases, not through interfaces, arrays or records, which tsc lets recurse); with
        ``through_maps``, through map values too (what a ``Record<string, ...>`` resolves eagerly)."""
        return alias_refs(node, self.api, _is_interface, through_maps=through_maps)

    # --------------------------------------------------------------- plan
    def build(self, names_only: bool = False) -> dict[str, Any]:
        """The whole plan; ``names_only`` (for the docs, which show this SDK's names) skips the model
        declarations and the tests, which decide no name."""
        # 1. model names: every named IR type, in spec order
        for key, named in self.api.types.items():
            self.type_names[key] = self.global_names.claim(names.type_ident(named.name_parts or (named.name,)))
        # 2. page classes
        schemes: dict[str, PageScheme] = {s.name: s for s in self.api.page_schemes}
        used_schemes = sorted({op.pagination.scheme for op in self.api.operations if op.pagination})
        pages = []
        for scheme_name in used_schemes:
            scheme = schemes.get(scheme_name)
            if scheme is None:
                continue
            cls = self.global_names.claim(names.type_ident((scheme_name,)))
            self.page_names[scheme_name] = cls
            pages.append(PageView(name=cls, style=scheme.style, items_field=scheme.items,
                                  has_more=scheme.has_more, next_cursor=scheme.next_cursor,
                                  param=scheme.cursor_param, next_path=scheme.next_path))
        # 3. models
        models = []
        for key, named in self.api.types.items() if not names_only else ():
            node = named.type
            # an interface's members may refer to it freely; a type alias's map values may not
            self._defining = None if isinstance(node, ObjectType) and node.properties else key
            models.append(self.model_view(self.type_names[key], node, node.description, node.deprecated, key))
            models[-1].origin = key
        self._defining = None
        models_uploadable = self.uses_uploadable
        self.model_names = set(self.type_names.values())
        # 4. resources
        resources: list[ResourceView] = []
        client_members = names.Namer(set(names.CLIENT_MEMBERS))
        top: list[ChildView] = []
        for res in self.api.resources:
            view = self._resource(res, client_members, resources, (), names.CLIENT_MEMBERS, [])
            top.append(ChildView(prop=view.prop, cls=view.cls, field=fmt.new_field(view.prop, view.cls, "this", 2),
                                 import_line=fmt.import_list("import", [view.cls], escape.string_literal(
                                     "./" + view.file + ".js"))))
        # 5. tests
        cases = self._test_cases() if not names_only else []
        type_exports = [fmt.import_list("export type", sorted(r.exported_types), escape.string_literal(
            "./" + r.file + ".js")) for r in resources if r.exported_types]
        page_export = fmt.import_list("export", ["AbstractPage"] + [p.name for p in pages],
                                      escape.string_literal("./pagination.js"))
        return {
            "type_exports": type_exports,
            "page_export": page_export,
            "models": models,
            "models_uploadable": models_uploadable,
            "resources": resources,
            "top": top,
            "pages": pages,
            "cases": cases,
        }

    def _resource(self, res: Resource, parent_members: names.Namer, out: list[ResourceView],
                  parent_dirs: tuple[str, ...], reserved: frozenset[str], chain: list[str]) -> ResourceView:
        prop = parent_members.claim(names.member_ident(res.name, reserved))
        chain = chain + [prop]
        cls = self.global_names.claim(names.pascal(res.name))
        stem = names.file_stem(res.name)
        file = "/".join(("resources",) + parent_dirs + (stem,))
        view = ResourceView(cls=cls, prop=prop, file=file, doc=res.description)
        out.append(view)
        members = names.Namer(set(names.RESOURCE_MEMBERS))
        method_names = [names.member_ident(op.name, names.RESOURCE_MEMBERS) for op in res.operations]
        # methods first claim their names, children get renamed around them
        claimed = [members.claim(m) for m in method_names]
        used_types: set[str] = set()
        self.uses_uploadable = False
        uses_stream = False
        uses_page: set[str] = set()
        for op, mname in zip(res.operations, claimed):
            self.call_paths[id(op)] = chain + [mname]
            method = self._method(op, mname, res, view, used_types)
            method.call_path = self.call_paths[id(op)]
            method.aliases = [members.claim(names.member_ident(alias, names.RESOURCE_MEMBERS)) for alias in op.aliases]
            self.alias_names[id(op)] = method.aliases
            view.methods.append(method)
            uses_stream = uses_stream or any("Stream<" in s for s in method.signatures)
            if method.page:
                uses_page.add(method.page)
        uploadable = self.uses_uploadable
        up = "../" * (file.count("/"))
        view.imports.append(f'import {{ APIResource }} from {escape.string_literal(up + "core.js")};')
        core_types = ["RequestOptions", "APIPromise"] + (["PagePromise"] if uses_page else [])
        if view.methods:
            view.imports.append(fmt.import_list("import type", sorted(core_types), escape.string_literal(
                up + "core.js")))
        if uses_page:
            view.imports.append(fmt.import_list("import", sorted(uses_page), escape.string_literal(
                up + "pagination.js")))
        if uses_stream:
            view.imports.append(fmt.import_list("import type", ["Stream"], escape.string_literal(
                up + "streaming.js")))
        if uploadable:
            view.imports.append(fmt.import_list("import type", ["Uploadable"], escape.string_literal(
                up + "uploads.js")))
        model_imports = sorted(used_types - set(view.exported_types))
        if model_imports:
            view.imports.append(fmt.import_list("import type", model_imports, escape.string_literal(
                up + "models.js")))
        for child in res.children:
            child_view = self._resource(child, members, out, parent_dirs + (stem,), names.RESOURCE_MEMBERS, chain)
            view.children.append(ChildView(prop=child_view.prop, cls=child_view.cls, field=fmt.new_field(
                child_view.prop, child_view.cls, "this._client", 2)))
            rel = _relative(file, child_view.file)
            view.child_imports.append(fmt.import_list("import", [child_view.cls], escape.string_literal(rel + ".js")))
        return view

    def _collect_names(self, t: fmt.T, acc: set[str]) -> None:
        if t.kind == "simple":
            if t.text in self.model_names:
                acc.add(t.text)
        elif t.kind == "generic":
            for a in t.args:
                self._collect_names(a, acc)
        else:
            for m in t.members:
                self._collect_names(m, acc)

    def _method(self, op: Operation, mname: str, res: Resource, view: ResourceView,
                used_types: set[str]) -> MethodView:
        wire = self.contract.of(op)
        # type names carry the whole resource path: chat.completions.create -> ChatCompletionCreateParams
        base = tuple(naming.singular(part) for part in res.path) + (op.name,)
        local = names.Namer({"params", "options", "body", "query"})
        # the subject (the last path parameter) by position; the parents it lives under are
        # members of the params object, by wire name (`retrieve(runID, { thread_id })`)
        path_vars: dict[str, str] = {}
        sig_params: list[fmt.Param] = []
        parents: list[tuple[Parameter, fmt.T]] = []
        for p in op.path_params:
            pt = self.type_of(p.type)
            if pt.kind != "simple" or pt.text not in ("string", "number"):
                pt = fmt.simple("string")
            if not op.is_subject(p):
                parents.append((p, pt))
                continue
            var = local.claim(names.var_ident(p.name))
            path_vars[p.name] = var
            sig_params.append(fmt.Param(var, pt))
        # params object: body properties, then query, header and cookie parameters, by wire name
        body_props: list[Property] | None = None
        body_type: fmt.T | None = None
        body_required = False
        kind = wire.request.kind
        if op.body is not None:
            media = op.body.primary
            resolved = self.api.resolve(media.type)
            if kind in ("json", "multipart", "form") and isinstance(resolved, ObjectType) and resolved.properties:
                body_props = resolved.properties
            else:
                if kind == "binary":
                    self.uses_uploadable = True
                    body_type = fmt.union([fmt.simple("Uploadable"), fmt.simple("string")])
                elif kind == "text":
                    body_type = fmt.simple("string")
                else:
                    body_type = self.type_of(media.type)
                body_required = op.body.required
        params_members: list[MemberView] = []
        required_any = body_required or bool(parents)
        wire_taken: set[str] = set()
        if body_props is not None:
            for prop in body_props:
                wire_taken.add(prop.name)
                required_any = required_any or prop.required
            params_members += self._members(body_props, 2)
        parent_keys: dict[str, str] = {}
        for index, (p, pt) in enumerate(parents):
            # first in the params object; a body property of the same name keeps its wire name
            key = p.name if p.name not in wire_taken else names.camel(f"path_{p.name}") or "pathValue"
            while key in wire_taken:
                key += "_"
            wire_taken.add(key)
            parent_keys[p.name] = key
            params_members.insert(index, MemberView(doc=p.description, deprecated=p.deprecated,
                                                    signature=member_signature(key, False, pt, 2)))
        # the operation's parameters as the runtime gets them, in declared order
        param_specs: list[Any] = []
        keys: dict[tuple[str, str], str] = {}
        self.param_keys[id(op)] = keys
        for p, pw in zip(op.parameters, wire.params):
            key = p.name
            if p.location == "path" and p.name not in path_vars:
                key = keys[(p.location, p.name)] = parent_keys[p.name]  # a parent: declared above
            elif p.location != "path":
                if key in wire_taken:
                    # a query parameter named as a body property (Spotify's `ids`, Kubernetes' `dryRun`)
                    # or as a parameter elsewhere: its member takes the location's prefix (`queryIds`)
                    key = names.camel(f"{p.location}_{p.name}") or f"{p.location}Value"
                    n = 2
                    while key in wire_taken:
                        key, n = f"{names.camel(f'{p.location}_{p.name}')}{n}", n + 1
                wire_taken.add(key)
                keys[(p.location, p.name)] = key
                required_any = required_any or p.required
                sig = member_signature(key, not p.required, self.type_of(p.type), 2)
                params_members.append(MemberView(doc=p.description, deprecated=p.deprecated, signature=sig))
                self._collect_names(self.type_of(p.type), used_types)
            props: list[tuple[str, Any]] = [("in", Str(pw.location)), ("name", Str(pw.name)),
                                            ("style", Str(pw.style)), ("explode", Raw(_bool(pw.explode)))]
            if key != p.name:
                props.append(("key", Str(key)))
            if p.location == "path":
                if pw.shape != "primitive":
                    props.append(("shape", Str(pw.shape)))
                if p.name in path_vars:
                    props.append(("value", Raw(path_vars[p.name])))
            param_specs.append(Obj(props))
        params_name: str | None = None
        whole_body = body_type is not None and not params_members
        body_field: str | None = None
        if params_members or body_type is not None:
            params_name = self.global_names.claim(names.type_ident(base + ("params",)))
            view.exported_types.append(params_name)
            if whole_body:
                assert body_type is not None
                view.types.append(ModelView(name=params_name, doc=op.body.description if op.body else None,
                                            deprecated=False, kind="alias",
                                            alias=fmt.type_alias(params_name, body_type)))
                self._collect_names(body_type, used_types)
            else:
                if body_type is not None:
                    if "body" in wire_taken:
                        self.diags.warning("a request body that is not an object, beside a parameter named "
                                           "'body': the TypeScript SDK cannot take that body", op.location)
                        body_type = None
                    else:
                        body_field = "body"
                        params_members.insert(0, MemberView(
                            doc=op.body.description if op.body else None, deprecated=False,
                            signature=fmt.property_signature("body", not body_required, body_type, 2)))
                        self._collect_names(body_type, used_types)
                view.types.append(ModelView(name=params_name, doc=None, deprecated=False, kind="interface",
                                            members=params_members, head=self._interface_head(params_name)))
                for prop in body_props or []:
                    self._collect_names(self.type_of(prop.type), used_types)
        self.body_shapes[id(op)] = "whole" if whole_body else "field" if body_field else None
        # response
        result: fmt.T = fmt.simple("void")
        success = op.success
        read = read_media(self.api, success.contents) if success and wire.response == "json" else None
        json_body = read if read is not None and read.is_json else None
        sse_body = next((c for c in success.contents if c.is_event_stream), None) if success else None
        stream_t: fmt.T | None = None
        if sse_body is not None:
            stream_t = fmt.generic("Stream", self.type_of(sse_body.type))
            self._collect_names(stream_t, used_types)
        page_cls: str | None = None
        if wire.response == "json":
            jt = self.type_of(json_body.type) if json_body is not None else fmt.simple("unknown")
            if json_body is not None and isinstance(json_body.type, RefType) and json_body.type.name in self.type_names:
                result = jt
            else:
                alias = self.global_names.claim(names.type_ident(base + ("response",)))
                view.exported_types.append(alias)
                view.types.append(ModelView(name=alias, doc=None, deprecated=False, kind="alias",
                                            alias=fmt.type_alias(alias, jt)))
                self._collect_names(jt, used_types)
                result = fmt.simple(alias)
            if op.pagination and op.pagination.scheme in self.page_names and json_body is not None:
                page_cls = self.page_names[op.pagination.scheme]
                item = self.type_of(op.pagination.item)
                self._collect_names(item, used_types)
                result = fmt.generic("PagePromise", fmt.generic(page_cls, item), item)
        elif wire.response == "text":
            result = fmt.simple("string")
        elif wire.response == "binary":
            result = fmt.simple("Response")  # fetch's: arrayBuffer(), blob(), body
        has_result = wire.response in ("json", "text", "binary")
        self._collect_names(result, used_types)
        if page_cls is None:
            if stream_t is not None and has_result:
                full = fmt.generic("APIPromise", fmt.union([result, stream_t]))
            elif stream_t is not None:
                full = fmt.generic("APIPromise", stream_t)
            else:
                full = fmt.generic("APIPromise", result)
        else:
            full = result
        # signatures
        signatures: list[str] = []
        options = fmt.Param("options", fmt.simple("RequestOptions"), optional=True)
        if params_name is not None:
            default = None if required_any else "{}"
            params_param = fmt.Param("params", fmt.simple(params_name), default=default)
            if whole_body and not required_any:
                params_param = fmt.Param("params", fmt.simple(params_name), optional=True)
        stream_prop = None
        if body_props is not None and stream_t is not None and has_result and wire.stream_flag:
            stream_prop = next((p for p in body_props if p.name == wire.stream_flag), None)
        if stream_prop is not None and params_name is not None and stream_t is not None:
            prop_opt = not stream_prop.required
            # `null` only where the base type allows it (OpenAI's stream is nullable, DigitalOcean's is not)
            non_streaming = "false | null" if stream_prop.type.nullable else "false"
            for suffix, lit, ret in (("NonStreaming", non_streaming, fmt.generic("APIPromise", result)),
                                     ("Streaming", "true", fmt.generic("APIPromise", stream_t))):
                sub = self.global_names.claim(params_name + suffix)
                view.exported_types.append(sub)
                member = MemberView(doc=None, deprecated=False, signature=fmt.property_signature(
                    "stream", prop_opt if suffix == "NonStreaming" else False,
                    fmt.union([fmt.simple(x) for x in lit.split(" | ")]), 2))
                view.types.append(ModelView(name=sub, doc=None, deprecated=False, kind="interface",
                                            members=[member], head=self._interface_head(sub, params_name)))
                overload_params = sig_params + [fmt.Param("params", fmt.simple(sub),
                                                          default=None), options]
                if suffix == "NonStreaming" and not required_any:
                    overload_params[-2] = fmt.Param("params", fmt.simple(sub), optional=True)
                signatures.append(fmt.method_signature(mname, overload_params, ret, 2, ";"))
        all_params = sig_params + ([params_param] if params_name is not None else []) + [options]
        if signatures:  # a flag known only at run time (a boolean) gets the union
            declared = [fmt.Param(p.name, p.type, optional=True) if p.default is not None else p for p in all_params]
            signatures.append(fmt.method_signature(mname, declared, full, 2, ";"))
        signatures.append(fmt.method_signature(mname, all_params, full, 2, " {"))
        # the request, as plain data from the wire contract
        spec: list[tuple[str, Any]] = [("method", Str(op.method)), ("path", Str(op.path))]
        if param_specs:
            spec.append(("parameters", Arr(param_specs)))
        if params_name is not None:
            spec.append(("params", Raw("params")))
        if kind != "none" and (body_props is not None or body_type is not None or whole_body):
            media_type = wire.request.media_type or "application/octet-stream"
            if kind == "binary" and "*" in media_type:
                media_type = "application/octet-stream"
            body: list[tuple[str, Any]] = [("kind", Str(kind)), ("type", Str(media_type))]
            if whole_body:
                body.append(("whole", Raw("true")))
            elif body_field is not None:
                body.append(("field", Str(body_field)))
            if kind in ("multipart", "form"):
                field_specs = [_field_spec(f, form=kind == "form") for f in wire.request.fields]
                field_specs = [f for f in field_specs if len(f.props) > 1]
                if field_specs:
                    body.append(("fields", Arr(field_specs)))
            spec.append(("body", Obj(body)))
        if wire.security:
            spec.append(("security", Arr([Arr([Str(n) for n in alt]) for alt in wire.security])))
        if wire.accept:
            spec.append(("accept", Str(wire.accept)))
        spec.append(("response", Str(wire.response)))
        if stream_prop is not None and params_name is not None and wire.stream_accept:
            spec.append(("stream", Raw(f"params?.{stream_prop.name} === true")))
            spec.append(("streamAccept", Str(wire.stream_accept)))
        if page_cls:
            spec.append(("page", Raw(page_cls)))
        return MethodView(
            name=mname,
            doc=_method_doc(op),
            deprecated=op.deprecated,
            signatures=signatures,
            call="requestPage" if page_cls else "request",
            spec=object_lines(spec, 6),
            page=page_cls,
            params=all_params,
            returns=full,
            op=op,
        )

    # --------------------------------------------------------------- tests
    def _test_cases(self) -> list[TestCase]:
        cases: list[TestCase] = []
        for op in self.api.operations:
            wire = self.contract.of(op)
            if wire.response == "sse":
                continue  # a stream only: nothing a mock server answers that the test could check
            for only_required in (True, False):
                cases.append(TestCase(self._case(op, wire, self.call_paths[id(op)], only_required)))
        return cases

    def _case(self, op: Operation, wire: OperationWire, path: list[str], only_required: bool) -> str:
        samples = operation_samples(self.api, op, only_required=only_required)
        args: list[Any] = [s.value for s in samples if s.location == "path" and s.positional]
        params: dict[str, Any] = {}
        whole: list[SampleArg] = [s for s in samples if s.location == "body" and s.name == ""]
        keys = self.param_keys.get(id(op), {})
        for sample in samples:
            if (sample.location != "path" or not sample.positional) and sample.name != "":
                params.setdefault(keys.get((sample.location, sample.name), sample.name), sample.value)
        shape = self.body_shapes.get(id(op))
        if whole and shape == "field":
            params = {"body": whole[0].value, **params}
        elif whole and shape == "whole":
            args.append(whole[0].value)
        if params:
            args.append(params)
        expect: str = wire.response
        if op.pagination and op.pagination.scheme in self.page_names and wire.response == "json":
            expect = "page"
        label = ".".join(path) + (" (required arguments)" if only_required else " (every argument)")
        case = {"name": label, "method": path, "args": args, "expect": expect}
        return fmt.print_doc(js_value_doc(case), 2)


# ----------------------------------------------------------------------------- plain-data literals
@dataclass(frozen=True)
class Raw:
    """Code written as it is (an identifier, `true`)."""

    code: str


@dataclass(frozen=True)
class Str:
    """A string literal (escaped)."""

    text: str


@dataclass(frozen=True)
class Arr:
    items: list[Any]


@dataclass(frozen=True)
class Obj:
    props: list[tuple[str, Any]]  # (key, value); keys are identifiers unless raw_keys (already escaped)
    raw_keys: bool = False


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _entries(value: Any) -> int:
    return len(value.items) if isinstance(value, Arr) else len(value.props) if isinstance(value, Obj) else 0


def code_doc(value: Any) -> Any:
    """A prettier-stable doc for plain data: objects and arrays flat when they fit."""
    if isinstance(value, Raw):
        return value.code
    if isinstance(value, Str):
        return escape.string_literal(value.text)
    if isinstance(value, Obj):
        if not value.props:
            return "{}"
        props = [property_doc(k if value.raw_keys else escape.property_key(k), v) for k, v in value.props]
        return fmt.group(["{", fmt.Indent([fmt.line, fmt.join([",", fmt.line], props)]), fmt.IfBreak(","),
                          fmt.line, "}"])
    if isinstance(value, Arr):
        if not value.items:
            return "[]"
        # prettier breaks an array of two or more objects (or arrays) of more than one entry each
        first = type(value.items[0])
        brk = len(value.items) > 1 and all(isinstance(v, (Obj, Arr)) and type(v) is first and _entries(v) > 1
                                           for v in value.items)
        return fmt.group(["[", fmt.Indent([fmt.softline, fmt.join([",", fmt.line], [code_doc(v) for v in value.items])]),
                          fmt.IfBreak(","), fmt.softline, "]"], brk=brk)
    raise TypeError(value)


def property_doc(key: str, value: Any) -> Any:
    """`key: value` in an object literal, laid out as prettier lays out an assignment."""
    if isinstance(value, Str):
        # a string cannot break: prettier moves it to the next line when the key is not short
        if len(key) >= 5:
            return fmt.group([key, ":", fmt.group(fmt.Indent(fmt.line)), code_doc(value)])
        return [key, ": ", code_doc(value)]
    if isinstance(value, Raw):
        return [key, ": ", value.code] if value.code != key else key
    gid = object()
    return fmt.group([key, ":", fmt.group(fmt.Indent(fmt.line), id=gid), fmt.IndentIfBreak(code_doc(value), gid)])


def object_lines(props: list[tuple[str, Any]], indent: int) -> str:
    """The properties of an expanded object literal, one per line, each with its comma."""
    return "\n".join(" " * indent + fmt.print_doc([property_doc(key, value), ","], indent) for key, value in props)


# ----------------------------------------------------------------------------- helpers
def js_value_doc(value: Any) -> Any:
    """A prettier-stable doc for a JS value: objects always expanded, arrays grouped."""
    if isinstance(value, FileSample):
        content = escape.string_literal(value.content.decode("utf-8", "replace"))
        name = escape.string_literal(value.filename)
        return ["sampleFile(", fmt.group([fmt.Indent([fmt.softline, content, ",", fmt.line, name]), fmt.IfBreak(","),
                                          fmt.softline]), ")"]
    if isinstance(value, dict):
        if not value:
            return "{}"
        props = [_js_property(escape.property_key(k), v) for k, v in value.items()]
        return fmt.group(["{", fmt.Indent([fmt.line, fmt.join([",", fmt.line], props)]), fmt.IfBreak(","),
                          fmt.line, "}"], brk=True)
    if isinstance(value, list):
        if not value:
            return "[]"
        return fmt.group(["[", fmt.Indent([fmt.softline, fmt.join([",", fmt.line], [js_value_doc(v) for v in value])]),
                          fmt.IfBreak(","), fmt.softline, "]"],
                         brk=any(isinstance(v, dict) and v for v in value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return escape.literal(value)


def _js_property(key: str, value: Any) -> Any:
    # prettier breaks after the colon before a string when the key is not short
    if isinstance(value, str) and len(key) >= 5:
        return fmt.group([key, ":", fmt.group(fmt.Indent(fmt.line)), escape.literal(value)])
    return [key, ": ", js_value_doc(value)]


def _relative(from_file: str, to_file: str) -> str:
    src = from_file.split("/")[:-1]
    dst = to_file.split("/")
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    ups = len(src) - common
    rel = "/".join([".."] * ups + dst[common:])
    return rel if rel.startswith("..") else "./" + rel


def _method_doc(op: Operation) -> str | None:
    parts = [p for p in (op.description or op.summary,) if p]
    return "\n\n".join(parts) if parts else None


def _taken(client: str) -> bool:
    """The client class name, or its ``<Client>Options`` type, is a name the SDK already uses."""
    return any(name in names.RESERVED or name in names.TYPE_RESERVED for name in (client, client + "Options"))


def _field_spec(field: FieldEncoding, form: bool) -> Obj:
    """A multipart or form field's encoding as the runtime's field spec: only what differs from
    the default (a plain field; a form field in style form, exploded)."""
    items: list[tuple[str, Any]] = [("name", Str(field.name))]
    if field.json:
        items.append(("json", Raw("true")))
    if field.content_type:
        items.append(("type", Str(field.content_type)))
    if form and field.style != "form":
        items.append(("style", Str(field.style)))
    if form and not field.explode:
        items.append(("explode", Raw("false")))
    return Obj(items)
