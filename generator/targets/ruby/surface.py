"""The Ruby SDK's public surface, read from the views the Ruby target renders."""

from __future__ import annotations

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api, Operation
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from .types import TypeMap
from .views import ContainerView, ParamView, ResourceBuilder, ResourceView, model_files, page_views, settings_for


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
                              where=where(op.location if op else None)))
    for child in res.children:
        _walk(child, chain, ops, out, where)


def _containers(view: ContainerView, roles: dict[str, str], origin_of: dict[str, str], api: Api, out: Surface,
                where) -> None:  # type: ignore[no-untyped-def]
    origin = origin_of.get(view.qualified, "")
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
        _containers(child, roles, origin_of, api, out, where)


def surface(api: Api, config: Config, diags: Diagnostics) -> Surface:
    s = settings_for(api, config, diags)
    tm = TypeMap(api, s.mod)
    pages = page_views(config, s.mod, s.gem)
    page_classes = {scheme.name: page.qualified for scheme, page in zip(config.pagination, pages)}
    models = model_files(tm, s.gem)
    resources = ResourceBuilder(api, config, tm, s, page_classes).build()
    where = locator(diags)
    out = Surface(language="ruby", client=f"{s.mod}::Client", package=s.gem, version=s.version,
                  options=[c.name for c in s.credentials], env=[c.env for c in s.credentials] + [s.env_base_url])
    ops = {(op.method.lower(), op.path): op for op in api.operations}
    for rf in resources:
        _walk(rf.root, [], ops, out, where)
    roles = type_roles(api)
    origin_of = {c.qualified: name for name, c in tm.by_named.items()}
    for mf in models:
        _containers(mf.root, roles, origin_of, api, out, where)
    return out
