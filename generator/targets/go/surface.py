"""The Go SDK's public surface, read from the views the Go target renders."""

from __future__ import annotations

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from .plan import client_fields
from .types import Decl
from .views import Builder, ServiceView


def _deprecated(doc: list[str]) -> bool:
    """Go's own signal: a ``Deprecated:`` paragraph in the doc comment."""
    return any(line.startswith("Deprecated:") for line in doc)


def _decl(decl: Decl, role: str, origin: str, where: str, out: Surface) -> None:
    if decl.kind == "struct":
        fields = [Param(name=f.name, type=f.type.expr, required=f.required, wire=f.wire,
                        deprecated=_deprecated(f.doc)) for f in decl.fields]
        out.add_type(TypeDecl(name=decl.name, kind="object", role=role, origin=origin, fields=fields,
                              deprecated=_deprecated(decl.doc), where=where))
    elif decl.kind == "enum":
        out.add_type(TypeDecl(name=decl.name, kind="enum", role=role, origin=origin,
                              values=[literal for _, literal, _ in decl.consts], deprecated=_deprecated(decl.doc),
                              where=where))
    else:
        out.add_type(TypeDecl(name=decl.name, kind="alias", role=role, origin=origin, alias=decl.base,
                              deprecated=_deprecated(decl.doc), where=where))
    for child in decl.children:
        _decl(child, role, "", where, out)


def surface(api: Api, config: Config, diags: Diagnostics) -> Surface:
    builder = Builder(api, config, diags)
    builder.build()
    where = locator(diags)
    out = Surface(language="go", client="Client", package=builder.module_path(),
                  options=[c.option for c in builder.credentials],
                  env=[c.env for c in builder.credentials] + [builder.contract.names.env_base_url])

    def walk(service: ServiceView, chain: list[str]) -> None:
        for m in service.methods:
            op = m.operation
            origin = op_origin(op) if op else ""
            params = [Param(name=a.name, type=a.type, required=True, position=i, wire=a.name)
                      for i, a in enumerate(m.args)]
            if m.params:
                params.append(Param(name="params", type=m.params, required=True, position=len(m.args), wire="params"))
                pv = builder.params.get(id(op)) if op else None
                if pv is not None:
                    _decl(pv.decl, "input", f"{origin} params", where(op.location if op else None), out)
            out.add_method(Method(path=".".join(chain + [m.name]), origin=origin, params=params, returns=m.result_text,
                                  deprecated=_deprecated(m.doc), where=where(op.location if op else None)))
        for field, child in service.children:
            walk(child, chain + [field])

    for field, service in client_fields(builder):
        walk(service, [field])
        for decl in builder.method_extra.get(service.name, []):
            _decl(decl, "output", "", "", out)
    roles = type_roles(api)
    origin_of = {id(decl): name for name, decl in builder.mapper.decls.items()}
    for decl in builder.mapper.order:
        origin = origin_of.get(id(decl), "")
        named = api.types.get(origin)
        _decl(decl, roles.get(origin, "output"), origin, where(named.location if named else None), out)
    return out
