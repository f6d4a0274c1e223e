"""The Ruby SDK's public surface, read from the views the Ruby target renders."""

from __future__ import annotations

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api, Operation
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from ...render import RenderJob
from .views import ContainerView, ParamView, ResourceView, Settings


def _param(p: ParamView, position: int | None) -> Param:
    return Param(name=p.name, type=p.rbs.removesuffix("?") if not p.required else p.rbs, required=p.required,
                 position=position, deprecated=p.deprecated, wire=p.wire)


def _walk(res: ResourceView, chain: list[str], ops: dict[tuple[str, str], Operation], out: Surface,
          where) -> None:  # type: ignore[no-untyped-def]
    chain = chain + [res.accessor]
    for m in res.methods:
        op = ops.get((m.http_method, m.path))
        params = [_param(p, i) for i, p in enumerate(m.positional)] + [_param(p, None) for p in m.kwargs]
        out.add_method(Method(path=".".join(chain + [m.name]), origin=op_origin(op) if op else "", params=params,
                              returns=m.returns_rbs, deprecated=m.deprecated,
                              where=where(op.location if op else None)), [name for name, _ in m.aliases])
    for child in res.children:
        _walk(child, chain, ops, out, where)


def _containers(view: ContainerView, roles: dict[str, str], api: Api, out: Surface,
                where) -> None:  # type: ignore[no-untyped-def]
    origin = view.origin
    named = api.types.get(origin)
    role = roles.get(origin, "output")
    at = where(named.location if named else None)
    if view.kind == "model":
        fields = [Param(name=f.name, type=f.rbs, required=f.required, deprecated=f.deprecated, wire=f.wire)
                  for f in view.fields]
        out.add_type(TypeDecl(name=view.qualified, kind="object", role=role, origin=origin, fields=fields,
                              deprecated=view.deprecated, where=at))
    elif view.kind == "enum":
        out.add_type(TypeDecl(name=view.qualified, kind="enum", role=role, origin=origin,
                              values=[v.literal for v in view.values], deprecated=view.deprecated, where=at))
    else:
        text = view.alias_doc or " | ".join(v.descriptor for v in view.variants)
        out.add_type(TypeDecl(name=view.qualified, kind="alias", role=role, origin=origin, alias=text,
                              deprecated=view.deprecated, where=at))
    for child in view.children:
        _containers(child, roles, api, out, where)


def surface(api: Api, config: Config, diags: Diagnostics) -> Surface:
    from . import TARGET

    return surface_of(TARGET.plan(api, config, diags), api)


def surface_of(jobs: list[RenderJob], api: Api) -> Surface:
    """The surface of the gem these render jobs write (their view objects)."""
    where = locator()
    s: Settings = next(j.context["s"] for j in jobs if "s" in j.context)
    out = Surface(language="ruby", client=f"{s.mod}::Client", package=s.gem, version=s.version,
                  options=[c.name for c in s.credentials], env=[c.env for c in s.credentials] + [s.env_base_url])
    ops = {(op.method.lower(), op.path): op for op in api.operations}
    roles = type_roles(api)
    for job in jobs:
        if job.template == "lib/resource_file.rb.j2":
            _walk(job.context["root"], [], ops, out, where)
        elif job.template == "lib/model.rb.j2":
            _containers(job.context["root"], roles, api, out, where)
    return out


def apply_version(jobs: list[RenderJob], version: str) -> None:
    """The gem's version (gemspec, version.rb) is this one."""
    next(j.context["s"] for j in jobs if "s" in j.context).version = version
