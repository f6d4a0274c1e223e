"""The Go SDK's public surface, read from the views the Go target renders."""

from __future__ import annotations

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from ...render import RenderJob
from .types import Decl
from .views import FileView, ServiceView


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
    from . import TARGET

    return surface_of(TARGET.plan(api, config, diags), api)


def surface_of(jobs: list[RenderJob], api: Api) -> Surface:
    """The surface of the module these render jobs write (their view objects)."""
    where = locator()
    client = next(j.context for j in jobs if j.template == "client.go.j2")
    out = Surface(language="go", client="Client", package=client["module_path"],
                  options=[c.option for c in client["credentials"]],
                  env=[c.env for c in client["credentials"]] + [client["env_base_url"]])
    params: dict[str, Decl] = {}
    for job in jobs:
        if job.template == "resource.go.j2":
            file: FileView = job.context["file"]
            params.update((p.decl.name, p.decl) for p in file.params)
            for decl in file.decls:
                _decl(decl, "output", "", "", out)

    def walk(service: ServiceView, chain: list[str]) -> None:
        for m in service.methods:
            op = m.operation
            origin = op_origin(op) if op else ""
            at = where(op.location if op else None)
            args = [Param(name=a.name, type=a.type, required=True, position=i, wire=a.name)
                    for i, a in enumerate(m.args)]
            if m.params:
                args.append(Param(name="params", type=m.params, required=True, position=len(m.args), wire="params"))
                if m.params in params:
                    _decl(params[m.params], "input", f"{origin} params", at, out)
            out.add_method(Method(path=".".join(chain + [m.name]), origin=origin, params=args, returns=m.result_text,
                                  deprecated=_deprecated(m.doc), where=at), m.aliases)
        for field, child in service.children:
            walk(child, chain + [field])

    for field, service in client["client_services"]:
        walk(service, [field])
    roles = type_roles(api)
    for job in jobs:
        if job.template == "models.go.j2":
            for decl in job.context["decls"]:
                named = api.types.get(decl.origin)
                _decl(decl, roles.get(decl.origin, "output"), decl.origin, where(named.location if named else None),
                      out)
    return out


def apply_version(jobs: list[RenderJob], version: str) -> None:
    """Go modules carry no version in their files (a release is a tag): the changelog and the README say it."""
    for job in jobs:
        if job.path == "README.md":
            job.context["version"] = version
