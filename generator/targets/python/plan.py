"""Python target: IR -> view objects -> render jobs.

Layout of the generated package (``src/<package>/``)::

    __init__.py           lazy exports: clients, errors, types
    _client.py            <Client>, Async<Client>
    _base_client.py ...   the shared runtime (templates written once)
    resources/            one module (or package, with sub-resources) per resource
    types/                one module per model; <resource>_<method>_params.py per method
    pagination.py         page classes from the config's page schemes
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from .format import black_formatter
from ...config import Config
from ...contract import AuthScheme, OperationWire, contract_of, read_media
from ...diagnostics import Diagnostics
from ...versioning import configured_version
from ..common.package import facts as package_facts
from ..common.readme import readme
from ...ir import naming
from ...ir.model import (
    Api,
    ArrayType,
    MapType,
    NamedType,
    ObjectType,
    Operation,
    PrimitiveType,
    RefType,
    Resource,
    TypeNode,
)
from ...render import RenderJob, runtime_job
from ..common.files import short_stem
from ..common.samples import FileSample, credential_sample, operation_samples
from ..common.aliases import without_self_reference
from ..common.graph import strongly_connected
from . import escape
from .layout import (
    LINE_WIDTH,
    ImportBlock,
    annotated_line,
    as_import,
    def_line,
    from_import,
    identifiers,
    module_key,
    name_key,
    replace_identifiers,
    wrap,
)
from .names import (BODY_NAMES, METHOD_RESERVED, Namer, attr_ident, class_ident, credential_ident, module_ident,
                    page_class_names, param_ident, sdk_names, snake_ident)
from .types import TypeContext, annotation

# names every resource module imports from the runtime: a resource class must not take them
RESOURCE_MODULE_NAMES = frozenset(
    {"Query", "Body", "Headers", "NotGiven", "NOT_GIVEN", "SyncAPIResource", "AsyncAPIResource", "Stream",
     "AsyncStream", "BinaryResponse", "AsyncBinaryResponse", "AsyncPaginator", "FileTypes", "SequenceNotStr", "PropertyInfo", "Omit", "Timeout",
     "BaseModel", "Awaitable", "TypeAlias", "TypedDict", "Required", "Annotated", "Literal", "Optional", "Union",
     "List", "Dict", "Iterable", "Mapping", "Any", "NoneType", "TypeAliasType"}
)

# the client constructor's own options: a credential option must not take one
CLIENT_OPTIONS = frozenset({"base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
                            "self", "credentials", "auth_schemes"})

RUNTIME_FILES = (
    "_base_client.py",
    "_exceptions.py",
    "_models.py",
    "_types.py",
    "_streaming.py",
    "_response.py",
    "_utils.py",
    "_wire.py",
    "_logs.py",
)


# a deprecated method's call in the SDK's own code and tests: type checkers flag it (mypy with the
# deprecated error code, pyright strict); unused-ignore keeps mypy quiet where that code is off
DEPRECATED_IGNORE = "  # type: ignore[deprecated, unused-ignore]"


def deprecated_decorator(method: str) -> str:
    """PEP 702's marker on a method (at 4 spaces, laid out as black lays it out): type checkers
    flag calls, and a call warns (DeprecationWarning)."""
    message = escape.string_literal(f"{method}() calls an operation the API marks as deprecated")
    line = f"@typing_extensions.deprecated({message})"
    if len(line) + 4 <= LINE_WIDTH:
        return line
    return f"@typing_extensions.deprecated(\n        {message}\n    )"


# ---------------------------------------------------------------- view objects
@dataclass
class FieldView:
    attr: str
    wire: str
    annotation: str
    required: bool
    doc: str  # a docstring statement at field indent, or ""
    deprecated: bool
    needs_alias: bool

    @property
    def wire_literal(self) -> str:
        return escape.string_literal(self.wire)

    @property
    def model_line(self) -> str:
        """The field's statement in a model class body."""
        if self.needs_alias:
            default = "" if self.required else "default=None, "
            return annotated_line(f"{self.attr}: {self.annotation} = FieldInfo({default}alias={self.wire_literal})",
                                  "    ")
        return annotated_line(f"{self.attr}: {self.annotation}" + ("" if self.required else " = None"), "    ")

    @property
    def typeddict_line(self) -> str:
        return annotated_line(f"{self.attr}: {self.annotation}", "    ")


@dataclass
class DefinitionView:
    name: str  # class or alias name
    kind: str  # "model" | "alias" | "typeddict"
    doc: str  # rendered docstring statement at class-body indent, or ""
    fields: list[FieldView] = field(default_factory=list)
    alias: str = ""  # for aliases
    alias_line: str = ""  # the whole alias statement, wrapped
    functional: bool = False  # TypedDict with keys that are not identifiers
    total: bool = False
    has_extra: bool = True

    @property
    def class_line(self) -> str:
        base = "BaseModel" if self.kind == "model" else "TypedDict, total=False"
        return wrap("class ", f"{self.name}({base})", "", ":")


@dataclass
class ModuleView:
    module: str  # dotted path under the package, e.g. "types.upload"
    path: str  # file path relative to the package dir
    imports: str  # the rendered import block
    definitions: list[DefinitionView]
    rebuild: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)

    @property
    def all_line(self) -> str:
        return wrap("__all__ = ", "[" + ", ".join(escape.string_literal(e) for e in self.exports) + "]")

    @property
    def needs_base_model(self) -> bool:
        return any(d.kind == "model" for d in self.definitions)

    @property
    def needs_field_info(self) -> bool:
        return any(f.needs_alias for d in self.definitions if d.kind == "model" for f in d.fields)


@dataclass
class ArgView:
    ident: str
    wire: str
    annotation: str
    required: bool
    where: str  # path | query | body | header
    doc: list[str] = field(default_factory=list)

    @property
    def wire_literal(self) -> str:
        return escape.string_literal(self.wire)

    @property
    def is_str(self) -> bool:
        return self.annotation == "str"

    @property
    def empty_raise(self) -> str:
        message = f'f"Expected a non-empty value for `{self.ident}` but received {{{self.ident}!r}}"'
        return wrap("raise ", f"ValueError({message})", " " * 12)


@dataclass
class SignatureView:
    params: list[str]  # "name: annotation[ = default]" and "*", in order
    returns: str
    async_returns: str
    overload: bool
    doc: bool  # carries the method docstring


@dataclass
class MethodView:
    name: str
    http: str
    path_template: str  # a Python string literal
    path_args: list[ArgView]
    args: list[ArgView]  # keyword-only, required first
    body_kind: str | None  # json | multipart | form | binary | None
    body_arg: ArgView | None  # a non-object body, passed whole
    returns: str
    async_returns: str
    cast_to: str
    page: str | None  # e.g. "SyncCursorPage[FileObject]"
    async_page: str | None
    page_item: str | None
    stream: str | None  # event type when the op streams
    docstring: str
    deprecated: bool
    content_type: str | None
    op: Operation | None = None
    page_scheme: str | None = None
    # the pages in the casts when they differ from page / async_page (mypy takes no Annotated there)
    async_cast: str | None = None
    sync_cast: str | None = None
    hidden: set[str] = field(default_factory=set)  # parameter names, which hide same-named builtins
    signatures: list[SignatureView] = field(default_factory=list)
    wire: OperationWire | None = None  # the contract's facts for this operation
    body_order: list[ArgView] = field(default_factory=list)  # body fields in the declared order
    aliases: list[str] = field(default_factory=list)  # other names of the method (the config's layout)

    def _arg_for(self, location: str, name: str) -> ArgView | None:
        if location == "path":
            found = next((a for a in self.path_args if a.wire == name), None)
            if found is not None:
                return found
        return next((a for a in self.args if a.where == location and a.wire == name), None)

    @property
    def param_exprs(self) -> list[str]:
        """``Param(...)`` for each parameter of the contract the method takes, in the declared order."""
        out = []
        for p in self.wire.params if self.wire else ():
            arg = self._arg_for(p.location, p.name)
            if arg is None:
                continue
            out.append(f"_wire.Param({escape.string_literal(p.location)}, {escape.string_literal(p.name)}, {arg.ident}, "
                       f"{escape.string_literal(p.style)}, {p.explode})")
        return out

    @property
    def security_expr(self) -> str | None:
        if not self.wire or not self.wire.security:
            return None
        alternatives = ["[" + ", ".join(escape.string_literal(n) for n in alt) + "]" for alt in self.wire.security]
        return "[" + ", ".join(alternatives) + "]"

    @property
    def accept_literal(self) -> str | None:
        """The Accept header: with a ``stream`` flag, the call's flag picks events or the rest."""
        if not self.wire or not self.wire.accept:
            return None
        flag = self.stream_flag_arg
        if flag is not None and self.wire.stream_accept:
            return (f"{escape.string_literal(self.wire.stream_accept)} if {flag.ident} is True "
                    f"else {escape.string_literal(self.wire.accept)}")
        return escape.string_literal(self.wire.accept)

    @property
    def stream_flag_arg(self) -> ArgView | None:
        """The argument sending the contract's ``stream`` flag, when the method has one."""
        if not self.wire or not self.wire.stream_flag or self.stream is None:
            return None
        return next((a for a in self.args if a.where == "body" and a.wire == self.wire.stream_flag), None)

    @property
    def streaming_expr(self) -> str | None:
        """Whether the call streams, as the call decided it (None: the answer's content type decides)."""
        flag = self.stream_flag_arg
        if flag is not None:
            return f"{flag.ident} is True"
        if self.wire is not None and self.wire.always_streams and self.stream is not None:
            return "True"
        return None

    @property
    def response_literal(self) -> str:
        return escape.string_literal(self.wire.response if self.wire else "json")

    @property
    def field_exprs(self) -> list[tuple[str, str]]:
        """Body fields not sent by default: multipart files and JSON parts, form fields with their own
        style: (wire name literal, ``_wire.Field(...)``)."""
        if not self.wire or self.wire.request.kind not in ("multipart", "form"):
            return []
        out = []
        for f in self.wire.request.fields:
            if self.wire.request.kind == "multipart" and (f.file or f.json):
                kind = escape.string_literal("file" if f.file else "json")
                ct = escape.string_literal(f.content_type) if f.content_type else None
                out.append((escape.string_literal(f.name), f"_wire.Field({kind}, {ct})" if ct else f"_wire.Field({kind})"))
            elif self.wire.request.kind == "form" and (f.style != "form" or not f.explode):
                out.append((escape.string_literal(f.name),
                            f'_wire.Field("form", None, {escape.string_literal(f.style)}, {f.explode})'))
        return out

    def _safe(self, text: str) -> str:
        return _unshadow(text, self.hidden)

    @property
    def cast_expr(self) -> str:
        return self._safe(self.cast_to)

    @property
    def stream_cast_expr(self) -> str:
        return self._safe(self.stream or "object")

    @property
    def cast_returns(self) -> str:
        return self._safe(self.sync_cast or self.returns)

    @property
    def cast_async_returns(self) -> str:
        return self._safe(self.async_returns)

    @property
    def async_page_return(self) -> str:
        return f"AsyncPaginator[{self.page_item}, {self.async_page}]"

    @property
    def async_page_cast(self) -> str:
        return self._safe(f"Awaitable[{self.async_cast or self.async_page}]")

    @property
    def deprecated_decorator(self) -> str:
        return deprecated_decorator(self.name)

    @property
    def query_args(self) -> list[ArgView]:
        return [a for a in self.args if a.where == "query"]

    @property
    def body_args(self) -> list[ArgView]:
        return [a for a in self.args if a.where == "body"]

    @property
    def header_args(self) -> list[ArgView]:
        return [a for a in self.args if a.where == "header"]


@dataclass
class ChildView:
    attr: str
    cls: str
    module: str  # relative import, e.g. ".parts"


@dataclass
class ResourceView:
    cls: str
    module: str  # dotted module under resources, e.g. "resources.uploads.uploads"
    path: str  # file path under the package
    methods: list[MethodView]
    children: list[ChildView]
    imports: str
    docstring: str
    attr: str
    is_package: bool
    package_init: str | None = None  # path of the package's __init__ when is_package
    up: str = ""  # relative import prefix to the package root
    aliases: list[DefinitionView] = field(default_factory=list)
    ir_path: tuple[str, ...] = ()
    attr_chain: list[str] = field(default_factory=list)

    @property
    def file_module(self) -> str:
        return self.module.rsplit(".", 1)[1]

    @property
    def export_names(self) -> list[str]:
        return [self.cls, f"Async{self.cls}", f"{self.cls}WithRawResponse", f"Async{self.cls}WithRawResponse",
                f"{self.cls}WithStreamingResponse", f"Async{self.cls}WithStreamingResponse"]

    @property
    def sorted_export_names(self) -> list[str]:
        return sorted(self.export_names, key=name_key)

    @property
    def uses_stream(self) -> bool:
        return any(m.stream for m in self.methods)

    @property
    def uses_path_template(self) -> bool:
        return any(m.path_args for m in self.methods)

    @property
    def page_imports(self) -> list[str]:
        names: set[str] = set()
        for m in self.methods:
            if m.page_scheme:
                names |= {f"Sync{m.page_scheme}", f"Async{m.page_scheme}", "AsyncPaginator"}
        return sorted(names)


@dataclass
class PageView:
    name: str  # e.g. CursorPage
    style: str
    items: str
    has_more: str | None
    next_cursor: str | None
    request_cursor: str | None
    next_path: tuple[str, ...] = ()

    @property
    def constants(self) -> list[str]:
        """The page class's constants (see the pagination module's ``_PageState``), as Python lines."""
        def lit(value: str | None) -> str:
            return escape.string_literal(value) if value is not None else "None"
        path = ", ".join(lit(key) for key in self.next_path)
        return [f"style = {lit(self.style)}", f"items_field = {lit(self.items)}",
                f"cursor_param = {lit(self.request_cursor)}", f"has_more_field = {lit(self.has_more)}",
                f"next_path = ({path}{',' if len(self.next_path) == 1 else ''})"]


@dataclass
class CredentialView:
    key: str  # the contract's neutral key
    ident: str  # the client option
    env: str

    @property
    def placeholder(self) -> str:
        """The README's example value: ``api_key`` -> "My API Key"."""
        words = [w.upper() if w in ("api", "id", "url") else w.capitalize() for w in self.key.split("_") if w]
        return escape.string_literal(" ".join(["My", *words]))

    @property
    def copy_arg(self) -> str:
        """``with_options``' keyword for this credential (12 spaces in), parenthesised as black does
        when it does not fit on its line."""
        expr = f"{self.ident} if {self.ident} is not None else self.{self.ident}"
        line = f"            {self.ident}={expr},"
        if len(line) <= LINE_WIDTH:
            return line
        if len(f"                {expr}") <= LINE_WIDTH:
            return f"            {self.ident}=(\n                {expr}\n            ),"
        inner = "\n".join(f"                {part}" for part in (
            self.ident, f"if {self.ident} is not None", f"else self.{self.ident}"))
        return f"            {self.ident}=(\n{inner}\n            ),"

    @property
    def assign(self) -> str:
        """``__init__``'s fallback: the environment variable when the option is not given."""
        return wrap(f"{self.ident} = ", f"os.environ.get({escape.string_literal(self.env)})", " " * 12)


@dataclass
class Package:
    name: str  # import name
    dist: str  # distribution name
    client: str
    async_client: str
    title: str
    version: str
    description: str
    env_base_url: str
    env_log: str
    base_url: str | None  # None: the client must be given one
    credentials: list[CredentialView]
    schemes: list[AuthScheme]
    resources: list[ChildView]
    pages: list[PageView]
    exports: list[tuple[str, str]]  # (name, module) for types/__init__
    lazy: list[tuple[str, str]] = field(default_factory=list)  # (name, module) exported by the package root
    # the schema (IR name) of each model class and of each request TypedDict (for the API surface)
    origins: dict[str, str] = field(default_factory=dict)
    param_origins: dict[str, str] = field(default_factory=dict)

    @property
    def base_url_line(self) -> str:
        """``_base_url``'s environment lookup (the variable's name is as long as the API's title)."""
        lookup = f"os.environ.get({escape.string_literal(self.env_base_url)}) or DEFAULT_BASE_URL"
        return wrap("base_url = ", lookup, " " * 8)

    @property
    def test_client_args(self) -> str:
        """The generated tests' client: every credential set to its neutral sample value."""
        creds = [f"{c.ident}={escape.string_literal(credential_sample(c.key))}" for c in self.credentials]
        return ", ".join(creds + ["base_url=BASE_URL", "max_retries=0"])

    @property
    def scheme_lines(self) -> list[str]:
        """``AUTH_SCHEMES``' entries: each scheme's wire facts and its (option, environment variable) pairs."""
        ident = {c.key: c.ident for c in self.credentials}
        lines = []
        for scheme in self.schemes:
            pairs = [f"({escape.string_literal(ident[c.key])}, {escape.string_literal(c.env)})"
                     for c in scheme.credentials]
            creds = f"({pairs[0]},)" if len(pairs) == 1 else "(" + ", ".join(pairs) + ")"
            args = ", ".join([escape.string_literal(scheme.kind), escape.string_literal(scheme.location),
                              escape.string_literal(scheme.wire_name), creds])
            lines.append(wrap(f"{escape.string_literal(scheme.name)}: ", f"AuthScheme({args})", "    ", ","))
        return lines

    @property
    def client_names(self) -> list[str]:
        return sorted([self.client, self.async_client], key=name_key)

    @property
    def test_names(self) -> list[str]:
        """What the generated tests import: the clients, and the classes a result is read through."""
        return sorted([self.client, self.async_client, "BinaryResponse", "Stream"], key=name_key)

    @property
    def all_names(self) -> list[str]:
        return sorted([name for name, _ in self.lazy] + ["types"])

    @property
    def resource_imports(self) -> list[str]:
        """``_client``'s imports of the top-level resources for type checkers, in ruff's order."""
        block = ImportBlock()
        for r in self.resources:
            block.add(f".{r.module}", r.cls, f"Async{r.cls}")
        return ["    " + line if line else "" for line in block.render("    ").split("\n")]

    @property
    def lazy_imports(self) -> list[str]:
        return [as_import(module, name, "    ") for name, module in self.lazy]

    @property
    def type_imports(self) -> list[str]:
        """``types/__init__``'s imports for type checkers, in ruff's order."""
        return _type_imports(self.exports)

    @property
    def types_doc(self) -> str:
        return "Every model and params type of the API, imported lazily on first use."


def _type_imports(exports: list[tuple[str, str]]) -> list[str]:
    ordered = sorted(exports, key=lambda e: (module_key(e[1]), name_key(e[0])))
    return [as_import(f".{module}", name, "    ") for name, module in ordered]


@dataclass
class ResourceTypes:
    """``types/<resource>/__init__``: the models and params types a top-level resource's operations
    reach (``from openai.types.fine_tuning import FineTuningJob``), each the same class as in
    ``types``: lazily re-exported from the module that declares it."""

    attr: str
    exports: list[tuple[str, str]]  # (name, module relative to this package: ".file_object")

    @property
    def type_imports(self) -> list[str]:
        return _type_imports(self.exports)

    @property
    def types_doc(self) -> str:
        return f"The models and params types of the `{self.attr}` resource, imported lazily on first use."


# ---------------------------------------------------------------- the planner
_PROJECT_NAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")
_PEP440 = re.compile(r"(\d+!)?\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?(\+[A-Za-z0-9]+(\.[A-Za-z0-9]+)*)?")


class PythonPlanner:
    def __init__(self, api: Api, config: Config, diags: Diagnostics):
        self.api = api
        self.config = config
        self.diags = diags
        self.contract = contract_of(api, config)
        self.package, self.client, self.async_client = sdk_names(
            self.contract.names, config.target("python"),
            lambda message, key: diags.warning(message, config.loc("targets", "python", key)))
        # page classes: Sync<stem> and Async<stem> per page scheme of the config
        self.page_class = page_class_names(api.page_schemes)
        # credentials are client options: snake_case, never one of the client's other options
        options = Namer(set(CLIENT_OPTIONS))
        self.credentials = [CredentialView(key=c.key, ident=options.claim(credential_ident(c.key, CLIENT_OPTIONS), "_"), env=c.env)
                            for c in self.contract.credentials]
        self.class_of: dict[str, str] = {}
        self.param_class_of: dict[str, str] = {}
        self.module_of: dict[str, str] = {}
        self.param_module_of: dict[str, str] = {}
        self.type_namer = Namer({self.client, self.async_client}
                                | {f"{p}{stem}" for stem in self.page_class.values() for p in ("Sync", "Async")})
        self.module_namer = Namer({"shared"})
        self._model_classes_key: tuple[int, int] | None = None
        self._model_classes: set[str] = set()

    # ---- names of every named type (one global pass, deterministic)
    def _name_types(self) -> None:
        for name, named in self.api.types.items():
            wanted = class_ident(named.name_parts or (name,))
            cls = self.type_namer.claim(wanted)
            if cls != wanted:
                self.diags.warning(f"python: type {name!r} renamed to {cls} (name clash)", named.location)
            self.class_of[name] = cls

    def _param_names(self, reachable: list[str]) -> None:
        for name in reachable:
            node = self.api.types[name].type
            if not _needs_param_variant(node, self.api, set()):
                continue
            self.param_class_of[name] = self.type_namer.claim(self.class_of[name] + "Param")

    def plan(self) -> list[RenderJob]:
        self._name_types()
        param_reach = self._param_reachable()
        self._param_names(param_reach)
        model_modules = self._modules(list(self.api.types), "model")
        param_modules = self._modules([n for n in param_reach if n in self.param_class_of], "param")
        jobs: list[RenderJob] = []
        pkg = f"src/{self.package}"
        resources, method_params = self._resources()
        exports: list[tuple[str, str]] = []
        for mod in model_modules + param_modules + method_params:
            jobs.append(RenderJob(path=f"{pkg}/{mod.path}", template="types/module.py.j2", context={"m": mod}))
            for export in mod.exports:
                exports.append((export, mod.module.split(".", 1)[1]))
        exports.sort()
        package = self._package(resources, exports)
        ctx = {"pkg": package}
        about = {**ctx, "meta": package_facts(self.api, self.config), "readme": readme(self.api, self.config, "python")}
        for name in RUNTIME_FILES:
            jobs.append(runtime_job("python", f"{pkg}/{name}", f"runtime/{name}", ctx))
        jobs += [
            RenderJob(path=f"{pkg}/__init__.py", template="package/__init__.py.j2", context=ctx),
            RenderJob(path=f"{pkg}/_client.py", template="package/_client.py.j2", context=ctx),
            RenderJob(path=f"{pkg}/_version.py", template="package/_version.py.j2", context=ctx),
            RenderJob(path=f"{pkg}/pagination.py", template="package/pagination.py.j2", context=ctx),
            RenderJob(path=f"{pkg}/py.typed", content=""),
            RenderJob(path=f"{pkg}/types/__init__.py", template="types/__init__.py.j2", context=ctx),
            RenderJob(path="pyproject.toml", template="pyproject.toml.j2", context=about),
            RenderJob(path="README.md", template="README.md.j2", context=about),
            RenderJob(path=f"{pkg}/resources/__init__.py", template="resources/root_init.py.j2", context=ctx),
        ]
        for types in self._resource_types(resources, exports):
            jobs.append(RenderJob(path=f"{pkg}/types/{types.attr}/__init__.py", template="types/__init__.py.j2",
                                  context={"pkg": types}))
        for res in resources:
            jobs.append(RenderJob(path=f"{pkg}/{res.path}", template="resources/resource.py.j2",
                                  context={"pkg": package, "r": res}))
            if res.is_package and res.package_init:
                jobs.append(RenderJob(path=f"{pkg}/{res.package_init}", template="resources/package_init.py.j2",
                                      context={"pkg": package, "r": res}))
        jobs.append(RenderJob(path="tests/__init__.py", content=""))
        jobs.append(RenderJob(path="tests/test_api.py", template="tests/test_api.py.j2",
                              context={"pkg": package, "tests": self._method_tests(resources)}))
        return sorted(jobs, key=lambda j: j.path)

    # ---- packaging facts
    def _checked_setting(self, key: str, pattern: re.Pattern[str], what: str, fallback: str) -> str:
        """A packaging setting (``dist``: a PEP 508 project name, ``version``: a PEP 440 version) as
        configured when it is one (it reaches pyproject.toml, ``__version__`` and the README's
        ``pip install`` line), else ``fallback``, with a warning at its place in the config."""
        wanted = self.config.target("python").get(key)
        if isinstance(wanted, str) and pattern.fullmatch(wanted):
            return wanted
        if wanted:
            self.diags.warning(f"python.{key} {wanted!r} is not {what}; using {fallback!r}",
                               self.config.loc("targets", "python", key))
        return fallback

    def _package(self, resources: list[ResourceView], exports: list[tuple[str, str]]) -> Package:
        contract = self.contract
        top = [ChildView(attr=r.attr, cls=r.cls, module=r.module) for r in resources if len(r.attr_chain) == 1]
        pages = [PageView(name=self.page_class[s.name], style=s.style, items=s.items, has_more=s.has_more,
                          next_cursor=s.next_cursor, request_cursor=s.cursor_param, next_path=s.next_path)
                 for s in self.api.page_schemes]
        lazy = [(self.client, "._client"), (self.async_client, "._client")]
        lazy += [(name, "._exceptions") for name in (
            "APIConnectionError", "APIError", "APIResponseValidationError", "APIStatusError", "APITimeoutError",
            "AuthenticationError", "BadRequestError", "ConflictError", "InternalServerError", "NotFoundError",
            f"{self.client}Error", "PermissionDeniedError", "RateLimitError", "UnprocessableEntityError")]
        lazy += [("BaseModel", "._models"), ("APIResponse", "._response"), ("AsyncAPIResponse", "._response"),
                 ("BinaryResponse", "._response"), ("AsyncBinaryResponse", "._response"),
                 ("AsyncStream", "._streaming"), ("Stream", "._streaming"), ("NOT_GIVEN", "._types"),
                 ("NotGiven", "._types"), ("Omit", "._types"), ("__version__", "._version")]
        # isort order: by module, then constants, classes, the rest
        lazy.sort(key=lambda e: (module_key(e[1]), name_key(e[0])))
        return Package(
            lazy=lazy,
            name=self.package,
            dist=self._checked_setting("dist", _PROJECT_NAME, "a valid Python project name", self.package),
            client=self.client,
            async_client=self.async_client,
            title=self.api.title,
            version=configured_version(self.api, self.config, "python", _PEP440.fullmatch, "a PEP 440 version",
                                       self.diags),
            description=f"The Python SDK for the {self.api.title}",
            env_base_url=contract.names.env_base_url,
            env_log=contract.names.env_log,
            base_url=contract.base_url,
            credentials=self.credentials,
            schemes=contract.schemes,
            resources=top,
            pages=pages,
            exports=exports,
            origins={cls: name for name, cls in self.class_of.items()},
            param_origins={cls: name for name, cls in self.param_class_of.items()},
        )

    # ---- which named types appear in request params
    def _param_reachable(self) -> list[str]:
        seen: set[str] = set()
        order: list[str] = []
        stack: list[TypeNode] = []
        for op in self.api.operations:
            for p in op.parameters:
                stack.append(p.type)
            if op.body:
                stack.append(op.body.primary.type)
        while stack:
            node = stack.pop()
            if isinstance(node, RefType):
                if node.name in seen or node.name not in self.api.types:
                    continue
                seen.add(node.name)
                order.append(node.name)
                stack.append(self.api.types[node.name].type)
                continue
            stack.extend(node.children())
        index = {name: i for i, name in enumerate(self.api.types)}
        return sorted(order, key=lambda n: index[n])

    def _resource_types(self, resources: list[ResourceView], exports: list[tuple[str, str]]) -> list[ResourceTypes]:
        """A types package per top-level resource, named as the client's attribute (``fine_tuning``),
        unless a module of ``types`` already has that name (the module stays; no package)."""
        top = {r.path: r for r in self.api.resources}
        exported = dict(exports)
        out: list[ResourceTypes] = []
        for view in resources:
            resource = top.get(view.ir_path) if len(view.ir_path) == 1 else None
            if resource is None or view.attr in self.module_namer or not view.attr.isidentifier():
                continue
            stack: list[TypeNode] = []
            for res in resource.walk():
                for op in res.operations:
                    stack += [p.type for p in op.parameters]
                    stack += [m.type for m in op.body.contents] if op.body else []
                    stack += [m.type for r in op.responses for m in r.contents]
            seen: set[str] = set()
            while stack:
                node = stack.pop()
                if isinstance(node, RefType):
                    if node.name not in seen and node.name in self.api.types:
                        seen.add(node.name)
                        stack.append(self.api.types[node.name].type)
                    continue
                stack.extend(node.children())
            names = [cls for name in seen for cls in (self.class_of.get(name), self.param_class_of.get(name))
                     if cls is not None and cls in exported]
            if names:
                out.append(ResourceTypes(view.attr, sorted((cls, "." + exported[cls]) for cls in set(names))))
        return out

    # ---- modules of types, cycles grouped
    def _modules(self, names: list[str], mode: str) -> list[ModuleView]:
        classes = self.class_of if mode == "model" else self.param_class_of
        deps: dict[str, list[str]] = {}
        for name in names:
            deps[name] = [d for d in _direct_refs(self.api.types[name].type, mode == "param") if d in classes]
        groups = strongly_connected(names, deps)
        module_for: dict[str, str] = {}
        group_of: dict[str, int] = {}
        for gi, group in enumerate(groups):
            base = module_ident(classes[group[0]])
            mod = self.module_namer.claim(base, "_")
            for name in group:
                module_for[name] = mod
                group_of[name] = gi
        if mode == "model":
            self.module_of.update(module_for)
        else:
            self.param_module_of.update(module_for)
        out: list[ModuleView] = []
        for gi, group in enumerate(groups):
            mod = module_for[group[0]]
            ctx = self._type_ctx()
            defs: list[DefinitionView] = []
            defined: set[str] = set()
            # order within a group: dependencies first where possible
            ordered = _order_group(group, deps)
            cyclic = len(group) > 1 or group[0] in deps[group[0]]
            hoisted: list[DefinitionView] = []
            for name in ordered:
                defs.append(self._definition(self.api.types[name], ctx, mode, defined, group if cyclic else [],
                                             hoisted))
                defined.add(name)
            defs = hoisted + defs
            block = self._imports(ctx, mod)
            if any(d.kind == "model" for d in defs):
                block.add(".._models", "BaseModel")
            if any(f.needs_alias for d in defs if d.kind == "model" for f in d.fields):
                block.add("pydantic", "Field as FieldInfo")
            imports = block.render()
            rebuild = [classes[n] for n in ordered if cyclic and isinstance(self.api.types[n].type, ObjectType)
                       and mode == "model"]
            out.append(ModuleView(module=f"types.{mod}", path=f"types/{mod}.py", imports=imports,
                                  definitions=defs, rebuild=rebuild, exports=sorted(classes[n] for n in group)))
        return out

    def _type_ctx(self) -> TypeContext:
        return TypeContext(self.api, self.class_of, self.param_class_of, self.module_of, self.param_module_of)

    def _hoist(self, owner: str, attr: str, text: str, local: set[str], mode: str, ctx: TypeContext,
               hoisted: list[DefinitionView]) -> str:
        """Move a too-long annotation into a module-level alias (placed before every class
        of the module, so local classes are referenced by quoted name)."""
        name = class_ident((owner, attr))
        if len(name) > 48:
            # a descriptive alias name this long would not shorten anything: a private one
            name = f"_{class_ident((attr,))[:24]}Type"
        name = self.type_namer.claim(name)
        for ref in sorted(local, key=len, reverse=True):
            target = (self.class_of if mode == "model" else self.param_class_of).get(ref)
            if target:
                text = _quote_name(text, target)
        ctx.typing.add("TypeAlias")
        hoisted.append(DefinitionView(name=name, kind="alias", doc="", alias=text,
                                      alias_line=wrap(f"{name}: TypeAlias = ", text)))
        return name

    def _definition(self, named: NamedType, ctx: TypeContext, mode: str, defined: set[str],
                    cyclic: list[str], hoisted: list[DefinitionView]) -> DefinitionView:
        node = named.type
        cls = self.class_of[named.name] if mode == "model" else self.param_class_of[named.name]
        doc = escape.docstring(node.description or node.title, "    ")
        local = set(cyclic) | {named.name}

        def ann(t: TypeNode, optional: bool = True, quote: bool = False) -> str:
            if not quote:  # class-body annotations are lazy (`from __future__ import annotations`)
                return annotation(t, ctx, "param" if mode == "param" else "model", optional=optional)
            sub = ctx.fork()
            text = annotation(t, sub, "param" if mode == "param" else "model", optional=optional)
            _merge(ctx, sub)
            # a module-level alias is evaluated: quote classes defined later in this module (or itself)
            for ref in sorted(sub.refs | sub.param_refs, key=len, reverse=True):
                if ref in local and ref not in defined:
                    target = self.class_of[ref] if ref in sub.refs else self.param_class_of.get(ref, "")
                    text = _quote_name(text, target)
            return text

        if isinstance(node, ObjectType):
            fields: list[FieldView] = []
            namer = Namer()
            props = node.properties if mode == "model" else [p for p in node.properties if not p.read_only]
            functional = mode == "param" and any(not _plain_key(p.name) for p in props)
            # class attributes named like a builtin hide it from the class body's annotations
            shadowed: set[str] = set() if functional else {
                prop.name if mode == "param" else attr_ident(prop.name) for prop in props}
            for prop in props:
                if mode == "param":
                    attr = prop.name
                else:
                    attr = namer.claim(attr_ident(prop.name), "_")
                text = ann(prop.type, quote=functional)  # functional TypedDicts evaluate at runtime
                if mode == "model" and not prop.required:
                    if not text.startswith("Optional["):
                        ctx.typing.add("Optional")
                        text = f"Optional[{text}]"
                shown = _unshadow(text, shadowed)
                if mode == "param" and prop.required:
                    shown = f"Required[{shown}]"
                # a too-long `= FieldInfo(...)` is wrapped; a too-long annotation is hoisted
                width = len(f"    {attr}: {shown} = FieldInfo(")
                if functional:
                    width = len(f"        {escape.string_literal(prop.name)}: {shown},")
                if width > LINE_WIDTH:
                    # the alias is module-level: no class attribute shadows a builtin there
                    text = self._hoist(cls, attr, text, local, mode, ctx, hoisted)
                else:
                    text = _unshadow(text, shadowed)
                if mode == "param" and prop.required:
                    ctx.typing.add("Required")
                    text = f"Required[{text}]"
                if "builtins." in text:
                    ctx.needs.add("builtins")
                fields.append(FieldView(attr=attr, wire=prop.name, annotation=text, required=prop.required,
                                        doc=escape.docstring(prop.description, "    "),
                                        deprecated=prop.deprecated, needs_alias=attr != prop.name))
            kind = "model" if mode == "model" else "typeddict"
            if mode == "param":
                ctx.typing.add("TypedDict")
            return DefinitionView(name=cls, kind=kind, doc=doc, fields=fields, functional=functional)
        text = ann(_without_alias_cycle(named.name, node, self.api), quote=True)
        if cyclic and _refers_to(node, set(cyclic), self.api):
            # a recursive alias: pydantic (and type checkers) need an explicit TypeAliasType
            # (mypy reads recursive aliases from the TypeAlias form; pydantic needs TypeAliasType)
            ctx.typing |= {"TypeAliasType", "TypeAlias", "TYPE_CHECKING"}
            checking = wrap(f"{cls}: TypeAlias = ", text, "    ")
            runtime = wrap(f"{cls} = ", f"TypeAliasType({escape.string_literal(cls)}, {text})", "    ")
            return DefinitionView(name=cls, kind="alias", doc="", alias=text,
                                  alias_line=f"if TYPE_CHECKING:\n{checking}\nelse:\n{runtime}")
        ctx.typing.add("TypeAlias")
        return DefinitionView(name=cls, kind="alias", doc="", alias=text, alias_line=wrap(f"{cls}: TypeAlias = ", text))

    def _imports(self, ctx: TypeContext, own_module: str, types_prefix: str = ".", root: str = "..",
                 block: ImportBlock | None = None) -> ImportBlock:
        """Imports for what ``ctx`` used: ``types_prefix`` reaches the types package, ``root``
        the package root."""
        block = block or ImportBlock()
        typing_names = ctx.typing - {"Required", "TypedDict", "TypeAlias", "TypeAliasType", "Annotated"}
        if typing_names:
            block.add("typing", *typing_names)
        ext = ctx.typing & {"Required", "TypedDict", "TypeAlias", "TypeAliasType", "Annotated"}
        if ext:
            block.add("typing_extensions", *ext)
        for ref in ctx.refs:
            mod = self.module_of.get(ref)
            if mod and mod != own_module:
                block.add(f"{types_prefix}{mod}", self.class_of[ref])
        for ref in ctx.param_refs:
            mod = self.param_module_of.get(ref)
            if mod and mod != own_module:
                block.add(f"{types_prefix}{mod}", self.param_class_of[ref])
        if "builtins" in ctx.needs:
            block.add_module("builtins")
        if "FileTypes" in ctx.needs:
            block.add(f"{root}_types", "FileTypes")
        if "SequenceNotStr" in ctx.needs:
            block.add(f"{root}_types", "SequenceNotStr")
        if "PropertyInfo" in ctx.needs:
            block.add(f"{root}_utils", "PropertyInfo")
        return block

    # ---- resources
    def _resources(self) -> tuple[list[ResourceView], list[ModuleView]]:
        views: list[ResourceView] = []
        params: list[ModuleView] = []
        self._resource_classes: set[str] = set()
        attr_namer = Namer({"with_options", "copy", "close", "credentials", "auth_schemes", "base_url", "timeout",
                            "max_retries", *(c.ident for c in self.credentials),
                            "with_raw_response", "with_streaming_response", "default_headers", "default_query"})
        # top-level resources' files are siblings too: two names can give one file name (":.0" and "value")
        files = Namer({"__init__"})
        for res in self.api.resources:
            # a client attribute named like a builtin would hide it in the client class body
            attr = attr_namer.claim(snake_ident(res.name, SHADOWABLE), "_")
            self._resource(res, attr, "resources", views, params, parent_cls=None, chain=[attr],
                           file_name=files.claim(short_stem(snake_ident(res.name)), "_"))
        return views, params

    def _resource(self, res: Resource, attr: str, base: str, out: list[ResourceView],
                  params: list[ModuleView], parent_cls: str | None, chain: list[str],
                  file_name: str | None = None) -> ResourceView:
        cls = class_ident((res.name,))
        if cls in (parent_cls, self.client, self.async_client):
            cls = class_ident(((parent_cls or ""), res.name))
        # a resource class must not share a name with a model it may import (or another resource)
        # (the model class names are fixed by now: build that set once, not once per resource)
        key = (len(self.class_of), len(self.param_class_of))
        if self._model_classes_key != key:
            self._model_classes_key = key
            self._model_classes = (set(self.class_of.values()) | set(self.param_class_of.values())
                                   | RESOURCE_MODULE_NAMES
                                   | {f"{p}{stem}" for stem in self.page_class.values() for p in ("Sync", "Async")})
        models, resources = self._model_classes, self._resource_classes
        wanted = cls
        counter = 1
        while any(v in models or v in resources
                  for v in (cls, f"Async{cls}", f"{cls}WithRawResponse", f"{cls}WithStreamingResponse")):
            cls = f"{wanted}Resource" if counter == 1 else f"{wanted}Resource{counter}"
            counter += 1
        self._resource_classes |= {cls, f"Async{cls}"}
        file_name = file_name or short_stem(snake_ident(res.name))
        if res.children:
            module = f"{base}.{file_name}.{file_name}"
            path = f"{base.replace('.', '/')}/{file_name}/{file_name}.py"
            child_base = f"{base}.{file_name}"
        else:
            module = f"{base}.{file_name}"
            path = f"{base.replace('.', '/')}/{file_name}.py"
            child_base = base
        depth = module.count(".")  # resources.x -> 1
        up = "." * (depth + 1)
        ctx = self._type_ctx()
        method_namer = Namer({"with_raw_response", "with_streaming_response"})
        children: list[ChildView] = []
        child_attr_namer = Namer({"with_raw_response", "with_streaming_response"})
        # the children's files share the parent's folder with its own module: names must differ
        files = Namer({file_name, "__init__"})
        for child in res.children:
            child_attr = child_attr_namer.claim(snake_ident(child.name), "_")
            child_view = self._resource(child, child_attr, child_base, out, params, parent_cls=cls,
                                        chain=chain + [child_attr], file_name=files.claim(short_stem(snake_ident(child.name)), "_"))
            rel = "." + child_view.module.rsplit(".", 2 if child.children else 1)[-2 if child.children else -1]
            if child.children:
                rel = "." + ".".join(child_view.module.split(".")[-2:])
            children.append(ChildView(attr=child_attr, cls=child_view.cls, module=rel))
        method_attrs = {c.attr for c in children}
        for child_attr in sorted(method_attrs):  # a method must not take a sub-resource's attribute
            method_namer.claim(child_attr)
        self._res_cls = cls
        self._res_aliases: list[DefinitionView] = []
        methods: list[MethodView] = []
        for op in res.operations:
            name = snake_ident(op.name, METHOD_RESERVED | frozenset(method_attrs))
            name = method_namer.claim(name, "_")
            methods.append(self._method(op, name, res, ctx, params))
        for method in methods:  # aliases after every method: a derived name never moves for one
            assert method.op is not None
            method.aliases = [method_namer.claim(snake_ident(alias, METHOD_RESERVED | frozenset(method_attrs)), "_")
                              for alias in method.op.aliases]
        # a method or sub-resource named like a builtin hides it from the class body's annotations
        class_names = ({m.name for m in methods} | {c.attr for c in children}) & SHADOWABLE
        if class_names:
            for m in methods:
                for sig in m.signatures:
                    # `name: annotation = default`: only the annotation can name the builtin type; the
                    # parameter keeps its name (`list: MapList` must not become `builtins.list: ...`)
                    sig.params = [_unshadow_param(p, class_names) for p in sig.params]
                    sig.returns = _unshadow(sig.returns, class_names)
                    sig.async_returns = _unshadow(sig.async_returns, class_names)
                    if any("builtins." in t for t in sig.params + [sig.returns, sig.async_returns]):
                        ctx.needs.add("builtins")
        block = self._imports(ctx, "", f"{up}types.", up)
        block.add("functools", "cached_property")
        block.add(f"{up}_base_client", "AsyncAPIResource", "SyncAPIResource")
        if methods:
            block.add("typing", "cast")
            block.add_module("httpx")
            if any(m.cast_to == "NoneType" for m in methods):
                block.add(f"{up}_types", "NoneType")
            block.add(f"{up}_base_client", "make_request_options")
            block.add(f"{up}_response", "async_to_raw_response_wrapper", "async_to_streamed_response_wrapper",
                      "to_raw_response_wrapper", "to_streamed_response_wrapper")
            block.add(f"{up}_types", "NOT_GIVEN", "Body", "Headers", "NotGiven", "Query")
        if any(m.param_exprs or m.field_exprs for m in methods):
            block.add(up, "_wire")
        if any(m.deprecated for m in methods):
            block.add_module("typing_extensions")
        if any(m.stream for m in methods):
            block.add(f"{up}_streaming", "AsyncStream", "Stream")
        if any(m.wire is not None and m.wire.response == "binary" and m.page is None for m in methods):
            block.add(f"{up}_response", "AsyncBinaryResponse", "BinaryResponse")
        pages = sorted({name for m in methods if m.page_scheme
                        for name in (f"Sync{m.page_scheme}", f"Async{m.page_scheme}", "AsyncPaginator")})
        if pages:
            block.add(f"{up}pagination", *pages)
        for c in children:
            block.add(c.module, c.cls, f"Async{c.cls}", f"{c.cls}WithRawResponse", f"Async{c.cls}WithRawResponse",
                      f"{c.cls}WithStreamingResponse", f"Async{c.cls}WithStreamingResponse")
        view = ResourceView(cls=cls, module=module, path=path, methods=methods, children=children,
                            imports=block.render(), docstring="", attr=attr, is_package=bool(res.children),
                            package_init=f"{base.replace('.', '/')}/{file_name}/__init__.py" if res.children else None)
        view.aliases = list(self._res_aliases)
        view.up = up
        view.ir_path = res.path
        view.attr_chain = chain
        out.append(view)
        return view

    def _method(self, op: Operation, name: str, res: Resource, ctx: TypeContext,
                params_out: list[ModuleView]) -> MethodView:
        namer = Namer(set(METHOD_RESERVED | BODY_NAMES))
        # the subject (the last path parameter) by position, the parents it lives under by name
        path_args: list[ArgView] = []
        args: list[ArgView] = []
        for p in op.path_params:
            (path_args if op.is_subject(p) else args).append(ArgView(
                ident=namer.claim(param_ident(p.name, METHOD_RESERVED | BODY_NAMES), "_"), wire=p.name,
                annotation=annotation(p.type, ctx, "param"), required=True, where="path",
                doc=escape.docstring_lines(p.description)))
        wire = self.contract.of(op)
        body_kind: str | None = None
        body_arg: ArgView | None = None
        content_type: str | None = None
        body_props: list[tuple[str, TypeNode, bool, str | None]] = []
        if op.body and wire.request.kind != "none":
            media = op.body.primary
            content_type = wire.request.media_type
            body_kind = wire.request.kind
            node = self.api.resolve(media.type)
            if isinstance(node, ObjectType) and body_kind in ("json", "multipart", "form"):
                for prop in node.properties:
                    if prop.read_only:
                        continue
                    body_props.append((prop.name, prop.type, prop.required, prop.description))
            else:
                body_type = "FileTypes" if body_kind == "binary" else "str" if body_kind == "text" else \
                    annotation(media.type, ctx, "param")
                body_arg = ArgView(ident=namer.claim("body", "_"), wire="body", annotation=body_type,
                                   required=op.body.required, where="body",
                                   doc=escape.docstring_lines(op.body.description))
                if body_kind == "binary":
                    ctx.needs.add("FileTypes")
        for p in op.params_in("query"):
            args.append(self._arg(p.name, p.type, p.required, "query", p.description, ctx, namer))
        for wire_name, t, required, desc in body_props:
            args.append(self._arg(wire_name, t, required, "body", desc, ctx, namer))
        for p in op.params_in("header"):
            if p.name.lower() in ("authorization", "content-type", "accept"):
                continue
            args.append(self._arg(p.name, p.type, p.required, "header", p.description, ctx, namer))
        for p in op.params_in("cookie"):
            args.append(self._arg(p.name, p.type, p.required, "cookie", p.description, ctx, namer))
        body_order = [a for a in args if a.where == "body"]  # the declared order: multipart parts follow it
        args.sort(key=lambda a: not a.required)  # stable: required first, spec order kept
        # return type
        page = async_page = page_item = stream = async_cast = sync_cast = None
        body = op.success_body
        cast_to = "NoneType"
        returns = "None"
        json_returns: str | None = None
        json_async_returns: str | None = None
        stream_flag: ArgView | None = None
        if op.pagination:
            item = annotation(op.pagination.item, ctx, "model")
            page_item = item
            ctx.typing.add("Awaitable")
            page = f"Sync{self.page_class[op.pagination.scheme]}[{item}]"
            async_page = f"Async{self.page_class[op.pagination.scheme]}[{item}]"
            if "Annotated[" in item:
                # mypy reads no Annotated[...] inside Awaitable[...] in a cast ("Cast target is not a
                # type"); the return annotation keeps the item type (Slack's discriminated items)
                ctx.typing.add("Any")
                async_cast = f"Async{self.page_class[op.pagination.scheme]}[Any]"
                sync_cast = f"Sync{self.page_class[op.pagination.scheme]}[Any]"
            returns = page
            cast_to = item
        elif body is not None:
            response = op.success
            contents = response.contents if response else []
            events = [b for b in contents if b.is_event_stream]
            read = read_media(self.api, contents) if wire.response != "sse" else None
            json_bodies = [read] if read is not None and read.is_json and wire.response == "json" else []
            if wire.response == "binary":
                returns = cast_to = "BinaryResponse"
            elif json_bodies:
                returns = annotation(json_bodies[0].type, ctx, "model")
                cast_to = returns
                if returns.startswith("Annotated["):
                    # a discriminated union: the runtime decodes with the Annotated form, while
                    # type checkers (and `cast`) need the bare union
                    returns = returns[len("Annotated["):returns.rindex(", PropertyInfo(")]
                    if len(f"                cast_to={cast_to},") > LINE_WIDTH:
                        cast_to = self._hoist(self._res_cls, f"{name}_variant", cast_to, set(), "model", ctx,
                                              self._res_aliases)
            elif events and wire.response == "sse":
                returns = "object"
                cast_to = "object"
            elif wire.response == "text":
                returns = "str"
                cast_to = "str"
            else:
                returns = "bytes"
                cast_to = "bytes"
            if events:
                event_t = annotation(events[0].type, ctx, "model")

                def too_long(json_t: str | None, event_t: str) -> bool:
                    text = f"Union[{json_t}, AsyncStream[{event_t}]]" if json_t else f"AsyncStream[{event_t}]"
                    return len(f"    ) -> {text}:") > LINE_WIDTH

                # too-long parts become aliases; never the Stream itself (sync and async differ)
                plain = bool(json_bodies) or wire.response in ("binary", "text")
                if json_bodies and too_long(returns, event_t):
                    returns = self._hoist(self._res_cls, f"{name}_response", returns, set(), "model", ctx,
                                          self._res_aliases)
                    cast_to = returns
                if too_long(returns if plain else None, event_t):
                    event_t = self._hoist(self._res_cls, f"{name}_event", event_t, set(), "model", ctx,
                                          self._res_aliases)
                stream = event_t
                if plain:
                    json_returns = returns
                    json_async_returns = _async_twin(returns)
                    returns = f"Union[{returns}, Stream[{event_t}]]"
                    ctx.typing.add("Union")
                    stream_flag = next((a for a in args if a.where == "body" and a.wire == wire.stream_flag), None)
                else:
                    returns = f"Stream[{event_t}]"
        if stream is None and len(f"    ) -> {returns}:") > LINE_WIDTH:
            same = cast_to == returns
            returns = self._hoist(self._res_cls, f"{name}_response", returns, set(), "model", ctx, self._res_aliases)
            if same:
                cast_to = returns
        async_returns = _async_twin(returns)
        params_fields = [a for a in args if a.where in ("query", "body")]
        if params_fields:
            self._params_module(op, res, params_fields, params_out)
        doc = self._method_doc(op, path_args + args + ([body_arg] if body_arg else []))
        # parameters hide same-named builtins from the body's expressions
        hidden = {a.ident for a in path_args + args + ([body_arg] if body_arg else [])}
        body_names = identifiers(f"{returns} {cast_to} {stream or ''} {async_page or ''}")
        if hidden & body_names & SHADOWABLE:
            ctx.needs.add("builtins")
        view = MethodView(
            name=name, http=op.method, path_template=escape.string_literal(op.path), path_args=path_args,
            args=args, body_kind=body_kind, body_arg=body_arg, returns=returns, async_returns=async_returns,
            cast_to=cast_to, page=page, async_page=async_page, page_item=page_item, stream=stream, async_cast=async_cast, sync_cast=sync_cast,
            docstring=doc, deprecated=op.deprecated, content_type=content_type, op=op,
            page_scheme=self.page_class[op.pagination.scheme] if op.pagination else None, hidden=hidden,
            wire=wire, body_order=body_order,
        )
        view.signatures = self._signatures(view, json_returns, json_async_returns, stream_flag, ctx)
        return view

    def _signatures(self, m: MethodView, json_returns: str | None, json_async_returns: str | None,
                    flag: ArgView | None, ctx: TypeContext) -> list[SignatureView]:
        """The method's signature, preceded by typed overloads when the contract's ``stream`` flag
        decides between a plain result (JSON, bytes) and a stream of events."""
        def params(args: list[ArgView]) -> list[str]:
            out = [f"{a.ident}: {a.annotation}" for a in m.path_args]
            out.append("*")
            if m.body_arg is not None:
                b = m.body_arg
                out.append(f"{b.ident}: {b.annotation}" + ("" if b.required else " | NotGiven = NOT_GIVEN"))
            out += [f"{a.ident}: {a.annotation}" + ("" if a.required else " = NOT_GIVEN") for a in args]
            out += ["extra_headers: Headers | None = None", "extra_query: Query | None = None",
                    "extra_body: Body | None = None", "timeout: float | httpx.Timeout | None | NotGiven = NOT_GIVEN"]
            return out

        main = SignatureView(params=params(m.args), returns=m.returns, async_returns=m.async_returns,
                             overload=False, doc=True)
        if flag is None or json_returns is None or m.stream is None:
            return [main]
        ctx.typing |= {"overload", "Literal"}
        nullable = "None" in flag.annotation or "Optional[" in flag.annotation

        def with_flag(annotation: str, required: bool) -> list[ArgView]:
            changed = ArgView(ident=flag.ident, wire=flag.wire, annotation=annotation, required=required,
                              where=flag.where, doc=flag.doc)
            rest = [a for a in m.args if a is not flag]
            if required:
                return [changed] + rest  # a required keyword goes first
            return [a if a is not flag else changed for a in m.args]

        false_t = "Optional[Literal[False]]" if nullable else "Literal[False]"
        if nullable:
            ctx.typing.add("Optional")
        stream_t = f"Stream[{m.stream}]"
        return [
            SignatureView(params=params(with_flag(false_t if flag.required else f"{false_t} | NotGiven",
                                                  flag.required)),
                          returns=json_returns, async_returns=json_async_returns or json_returns, overload=True,
                          doc=True),
            SignatureView(params=params(with_flag("Literal[True]", True)), returns=stream_t,
                          async_returns=f"Async{stream_t}", overload=True, doc=False),
            SignatureView(params=params(with_flag("bool", True)), returns=m.returns, async_returns=m.async_returns,
                          overload=True, doc=False),
            main,
        ]

    def _arg(self, wire: str, t: TypeNode, required: bool, where: str, desc: str | None, ctx: TypeContext,
             namer: Namer) -> ArgView:
        ident = namer.claim(param_ident(wire, METHOD_RESERVED | BODY_NAMES), "_")
        text = annotation(t, ctx, "param")
        if len(f"        {ident}: {text} | NotGiven = NOT_GIVEN,") > LINE_WIDTH:
            text = self._hoist(self._res_cls, ident, text, set(), "param", ctx, self._res_aliases)
        if not required:
            text = f"{text} | NotGiven"
        return ArgView(ident=ident, wire=wire, annotation=text, required=required, where=where,
                       doc=escape.docstring_lines(desc or t.description))

    def _params_module(self, op: Operation, res: Resource, fields: list[ArgView],
                       out: list[ModuleView]) -> str:
        base = "_".join(naming.singular(p) for p in res.path) + "_" + snake_ident(op.name)
        cls = self.type_namer.claim(class_ident((base, "params")))
        mod = self.module_namer.claim(module_ident(cls), "_")
        ctx = self._type_ctx()
        defs_fields: list[FieldView] = []
        ctx.typing.add("TypedDict")
        seen_wire: set[str] = set()
        for a in fields:
            if a.wire in seen_wire:  # a query parameter and a body property of the same name: one key
                continue
            seen_wire.add(a.wire)
            text = a.annotation.removesuffix(" | NotGiven")
            # re-run annotation in this module's context to collect imports
            node = _find_arg_type(op, a, self.api)
            if node is not None:
                text = annotation(node, ctx, "param")
            defs_fields.append(FieldView(attr=a.wire, wire=a.wire, annotation=text, required=a.required,
                                         doc=escape.docstring_from_lines(a.doc, "    ") if a.doc else "",
                                         deprecated=False, needs_alias=False))
        functional = any(not _plain_key(f.wire) for f in defs_fields)
        shadowed = set() if functional else {f.attr for f in defs_fields}
        hoisted: list[DefinitionView] = []
        for f in defs_fields:
            shown = _unshadow(f.annotation, shadowed)
            shown = f"Required[{shown}]" if f.required else shown
            line = f"        {f.wire_literal}: {shown}," if functional else f"    {f.attr}: {shown}"
            if len(line) > LINE_WIDTH:
                f.annotation = self._hoist(cls, f.wire, f.annotation, set(), "param", ctx, hoisted)
            else:
                f.annotation = _unshadow(f.annotation, shadowed)
            if "builtins." in f.annotation:
                ctx.needs.add("builtins")
            if f.required:
                ctx.typing.add("Required")
                f.annotation = f"Required[{f.annotation}]"
        definition = DefinitionView(name=cls, kind="typeddict", doc="", fields=defs_fields, functional=functional)
        out.append(ModuleView(module=f"types.{mod}", path=f"types/{mod}.py", imports=self._imports(ctx, mod).render(),
                              definitions=hoisted + [definition], exports=[cls]))
        return cls

    def _method_doc(self, op: Operation, args: list[ArgView]) -> str:
        text = op.description or op.summary or ""
        lines = escape.docstring_lines(text)
        documented = [a for a in args if a.doc]
        if not lines and (documented or op.deprecated):
            # a summary line first: black would dedent an `Args:` section that opens the docstring
            lines = escape.docstring_lines(f"{op.method.upper()} {op.path}")
        if documented or op.deprecated:
            if lines:
                lines.append("")
            if op.deprecated:
                lines += ["Deprecated: this operation is deprecated.", ""]
            lines.append("Args:")
            for a in documented:
                lines.append(f"  {a.ident}: {a.doc[0]}")
                for extra in a.doc[1:]:
                    lines.append(f"      {extra}" if extra else "")
                lines.append("")
            lines += [
                "  extra_headers: Send extra headers",
                "",
                "  extra_query: Add additional query parameters to the request",
                "",
                "  extra_body: Add additional JSON properties to the request",
                "",
                "  timeout: Override the client-level default timeout for this request, in seconds",
            ]
        if not lines:
            return ""
        return escape.docstring_from_lines(lines, " " * 8)

    # ---- generated tests (required-only and all params, against Prism)
    def _method_tests(self, resources: list[ResourceView]) -> list[dict[str, Any]]:
        tests: list[dict[str, Any]] = []
        by_path = {r.ir_path: r for r in resources}
        for op in self.api.operations:
            view = by_path.get(op.resource)
            if view is None:
                continue
            method = next((m for m in view.methods if m.op is op), None)
            if method is None:
                continue
            attrs = ".".join(view.attr_chain)

            def call(only_required: bool, head: str, indent: str, method: MethodView = method,
                     op: Operation = op, attrs: str = attrs) -> str:
                args = _sample_args(method, op, self.api, only_required=only_required)
                text = ", ".join(f"{name}={value}" if name else value for name, value in args)
                if method.deprecated:
                    # one line, so the ignore sits on the call (type checkers flag a deprecated call;
                    # black never splits a line that carries a type: ignore)
                    return f"{indent}{head}client.{attrs}.{method.name}({text}){DEPRECATED_IGNORE}"
                return wrap(head, f"client.{attrs}.{method.name}({text})", indent)

            test_id = "_".join(view.attr_chain + [method.name])

            def check(only_required: bool, method: MethodView = method) -> str:
                if method.deprecated:  # the call warns, and still works
                    head = "" if method.returns == "None" else "_check("
                    line = call(only_required, head, "        ")
                    if head:
                        line = line.replace(DEPRECATED_IGNORE, ")" + DEPRECATED_IGNORE)
                    return "    with pytest.warns(DeprecationWarning):\n" + line
                expr = call(only_required, "", "")
                # a method that returns nothing is called as a statement (mypy: func-returns-value)
                return wrap("", expr if method.returns == "None" else f"_check({expr})", "    ")

            def define(name: str) -> str:
                line = f"def {name}(client: {self.client}) -> None:"
                if len(line) <= LINE_WIDTH:
                    return line
                return f"def {name}(\n    client: {self.client},\n) -> None:"  # black's exploded form

            tests.append({"id": test_id, "attrs": attrs, "m": method,
                          "def_required": define(f"test_{test_id}_required"),
                          "def_all": define(f"test_{test_id}_all"),
                          "required": check(True),
                          "all": check(False),
                          "async_required": call(True, "result = ", "        ")})
        return tests


def _merge(into: TypeContext, sub: TypeContext) -> None:
    into.typing |= sub.typing
    into.refs |= sub.refs
    into.param_refs |= sub.param_refs
    into.needs |= sub.needs


def _quote_name(text: str, name: str) -> str:
    if name not in text:
        return text
    return replace_identifiers(text, {name: f'"{name}"'})


# builtins a generated annotation or call may name; a field, method or parameter of the
# same name shadows them in its scope, so they are then spelled ``builtins.<name>``
SHADOWABLE = frozenset({"str", "int", "float", "bool", "bytes", "object", "type", "list", "dict"})


def _async_twin(annotation: str) -> str:
    """The async client's spelling of a return type (its stream and binary classes)."""
    # whole names only: Cloudflare's model StreamWebhookResponseSingle is no stream
    return re.sub(r"(?<![\w.])(?:Stream|BinaryResponse)(?!\w)", lambda m: "Async" + m.group(0), annotation)


def _unshadow_param(param: str, names: set[str]) -> str:
    """``_unshadow`` for a parameter line ``name: annotation[ = default]``: the annotation only."""
    name, sep, rest = param.partition(": ")
    return name + sep + _unshadow(rest, names) if sep else param


def _unshadow(text: str, shadowed: set[str]) -> str:
    names = shadowed & SHADOWABLE
    if names:
        names = {n for n in names if n in text}  # only names the text contains can be replaced
    if not names:
        return text
    return replace_identifiers(text, {n: f"builtins.{n}" for n in names})


def _plain_key(name: str) -> bool:
    from .names import is_identifier

    return is_identifier(name)


def _is_class(node: TypeNode) -> bool:
    return isinstance(node, ObjectType)


def _without_alias_cycle(key: str, node: TypeNode, api: Api) -> TypeNode:
    """``node`` for the alias ``key`` without the union variants that come straight back to ``key``;
    Any when nothing is left (an alias that is its own definition is an error to pydantic and mypy)."""
    kept = without_self_reference(key, node, api, _is_class)
    if kept is None:
        return PrimitiveType(primitive="any", description=node.description, nullable=node.nullable)
    return kept


def _refers_to(node: TypeNode, names: set[str], api: Api) -> bool:
    """Does ``node`` mention one of ``names`` (directly, not through other named types)?"""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, RefType):
            if current.name in names:
                return True
            continue
        stack.extend(current.children())
    return False


def _direct_refs(node: TypeNode, param: bool) -> list[str]:
    out: list[str] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, RefType):
            out.append(n.name)
            continue
        if param and isinstance(n, ObjectType):
            stack.extend(p.type for p in n.properties if not p.read_only)
            if isinstance(n.additional, TypeNode):
                stack.append(n.additional)
            continue
        stack.extend(n.children())
    return out


def _needs_param_variant(node: TypeNode, api: Api, seen: set[int]) -> bool:
    """Named objects get a TypedDict twin; aliases need one if they reach an object (iterative: alias
    chains can be thousands of links long)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ObjectType):
            return True
        if isinstance(current, RefType):
            target = api.types.get(current.name)
            if target is not None:
                stack.append(target.type)
            continue
        stack.extend(reversed(list(current.children())))
    return False


def _order_group(group: list[str], deps: dict[str, list[str]]) -> list[str]:
    """Order members so that dependencies come first where the cycle allows."""
    members = set(group)
    done: list[str] = []
    placed: set[str] = set()
    remaining = list(group)
    while remaining:
        for name in remaining:
            if all(d in placed or d == name or d not in members for d in deps[name]):
                break
        else:
            name = remaining[0]
        remaining.remove(name)
        placed.add(name)
        done.append(name)
    return done


def _find_arg_type(op: Operation, arg: ArgView, api: Api) -> TypeNode | None:
    if arg.where == "query":
        for p in op.params_in("query"):
            if p.name == arg.wire:
                return p.type
    if arg.where == "body" and op.body:
        node = api.resolve(op.body.primary.type)
        if isinstance(node, ObjectType):
            prop = node.get(arg.wire)
            return prop.type if prop else None
    return None


def _sample_args(method: MethodView, op: Operation, api: Api, only_required: bool) -> list[tuple[str, str]]:
    """Keyword arguments (ident, Python expression) of a generated test call: the contract's
    neutral sample values (``targets/common/samples``), spelled as Python literals; the subject
    path parameter positional ("" for a name), first."""
    out: list[tuple[str, str]] = []
    for sample in operation_samples(api, op, only_required=only_required):
        value = sample_literal(sample.value)
        if sample.location == "path" and sample.positional:
            out.insert(sum(1 for ident, _ in out if not ident), ("", value))
        elif sample.location == "body" and sample.name == "":
            if method.body_arg is not None:
                out.append((method.body_arg.ident, value))
        else:
            arg = method._arg_for(sample.location, sample.name)
            if arg is not None:  # Authorization, Content-Type and Accept parameters are the client's
                out.append((arg.ident, value))
    return out


def sample_literal(value: Any) -> str:
    """A Python expression for a neutral sample value: JSON, with files as ``(filename, bytes)``."""
    if isinstance(value, FileSample):
        return f"({escape.string_literal(value.filename)}, {escape.bytes_literal(value.content)})"
    if isinstance(value, list):
        return "[" + ", ".join(sample_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{escape.string_literal(k)}: {sample_literal(v)}" for k, v in value.items()) + "}"
    return escape.literal(value)


class PythonTarget:
    name = "python"
    shards = 1
    formatter = staticmethod(black_formatter)  # --format (opt-in)
    filters: dict[str, Callable[..., Any]] = {
        "py_str": escape.string_literal,
        "py_literal": escape.literal,
        "py_comment": escape.comment,
        "py_doc": escape.docstring,
        "py_doctext": escape.docstring_text,
        "toml_str": escape.toml_string,
        "md_text": escape.markdown_text,
        "md_code": escape.markdown_code,
        "py_param": lambda text: annotated_line(text, " " * 8, ","),
        "py_wrap": lambda head, expr, indent="", tail="", width=LINE_WIDTH: wrap(head, expr, indent, tail, width),
        "py_fits": lambda line: len(line) <= LINE_WIDTH,
        "py_def": lambda name, returns, indent="    ", params="self": def_line(name, returns, indent, params),
        "py_from": lambda module, names, indent="": from_import(module, names, indent),
    }

    def plan(self, api: Api, config: Config, diags: Diagnostics, shard: int = 0,
             shards: int = 1) -> list[RenderJob]:
        """The whole SDK (planned whole: ``shards`` is 1, so the pipeline asks for shard 0 of 1)."""
        return PythonPlanner(api, config, diags).plan()

