"""The Python SDK's public surface, read from the views the Python target renders."""

from __future__ import annotations

import re

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from ...render import RenderJob
from .plan import ArgView, DefinitionView, MethodView, ModuleView, Package, PythonPlanner, ResourceView

_LITERAL = re.compile(r"Literal\[(.*)\]")


def _bare(annotation: str) -> str:
    """An argument's or TypedDict key's type without the marks of being optional or required."""
    text = annotation
    for suffix in (" | NotGiven", " | Omit"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    for wrapper in ("Required[", "NotRequired["):
        if text.startswith(wrapper) and text.endswith("]"):
            text = text[len(wrapper):-1]
    return text


def _arg(arg: ArgView, position: int | None) -> Param:
    return Param(name=arg.ident, type=_bare(arg.annotation), required=arg.required, position=position,
                 wire=arg.wire)


def _method(resource: ResourceView, m: MethodView, where: str) -> Method:
    params = [_arg(a, i) for i, a in enumerate(m.path_args)]
    params += [_arg(a, None) for a in m.args]
    if m.body_arg is not None:
        params.append(_arg(m.body_arg, None))
    return Method(path=".".join(resource.attr_chain + [m.name]), origin=op_origin(m.op) if m.op else "",
                  params=params, returns=m.page or m.returns, deprecated=m.deprecated, where=where)


def _definition(d: DefinitionView, role: str, origin: str, where: str) -> TypeDecl:
    if d.kind == "alias":
        literal = _LITERAL.fullmatch(d.alias)
        if literal:
            values = [v.strip() for v in literal.group(1).split(",")]
            return TypeDecl(name=d.name, kind="enum", role=role, origin=origin, values=values, where=where)
        return TypeDecl(name=d.name, kind="alias", role=role, origin=origin, alias=d.alias, where=where)
    fields = [Param(name=f.attr, type=_bare(f.annotation), required=f.required, deprecated=f.deprecated, wire=f.wire)
              for f in d.fields]
    return TypeDecl(name=d.name, kind="object", role=role, origin=origin, fields=fields, where=where)


def surface(api: Api, config: Config, diags: Diagnostics) -> Surface:
    return surface_of(PythonPlanner(api, config, diags).plan(), api)


def surface_of(jobs: list[RenderJob], api: Api) -> Surface:
    """The surface of the package these render jobs write (their view objects)."""
    where = locator()
    package: Package = next(j.context["pkg"] for j in jobs if "pkg" in j.context)
    out = Surface(language="python", client=package.client, package=package.name, version=package.version,
                  options=[c.ident for c in package.credentials],
                  env=[c.env for c in package.credentials] + [package.env_base_url])
    roles = type_roles(api)
    for job in jobs:
        if job.template == "resources/resource.py.j2":
            resource: ResourceView = job.context["r"]
            for m in resource.methods:
                out.add_method(_method(resource, m, where(m.op.location if m.op else None)), m.aliases)
        elif job.template == "types/module.py.j2":
            module: ModuleView = job.context["m"]
            for d in module.definitions:
                # what callers pass are plain dicts, so only a request type's keys matter: its
                # TypedDict is compared by the schema it comes from, and the model class of a schema
                # only requests use is not compared at all (its TypedDict has the same keys); the
                # Literal aliases callers' values are checked against are compared by name
                typeddict = d.kind == "typeddict"
                origin = (package.param_origins if typeddict else package.origins).get(d.name, "")
                role = "input" if typeddict else roles.get(origin, "output")
                named = api.types.get(origin)
                hidden = not typeddict and role == "input" and d.kind == "model"
                decl = _definition(d, role, "" if hidden else origin, where(named.location if named else None))
                decl.structural = typeddict or hidden
                out.add_type(decl)
    return out


def apply_version(jobs: list[RenderJob], version: str) -> None:
    """The package's version (pyproject.toml, _version.py) is this one."""
    next(j.context["pkg"] for j in jobs if "pkg" in j.context).version = version
