"""The TypeScript SDK's public surface, read from the views the TypeScript target renders."""

from __future__ import annotations

import re

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from ...render import RenderJob
from .views import ModelView

# a laid-out member: `readonly? key?: type;` (the type may span lines; whitespace is collapsed first)
_MEMBER = re.compile(r"(?:readonly )?(?P<key>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[^\s?:]+)(?P<opt>\?)?: "
                     r"(?P<type>.*?);?$", re.S)
_ALIAS = re.compile(r"(?:export )?type [^=]+= (?P<type>.*?);?$", re.S)


def _collapse(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^\| ", "", text.replace("( ", "(").replace(" )", ")").replace("< ", "<").replace(" >", ">"))


def _fields(view: ModelView) -> list[Param]:
    out = []
    for member in view.members:
        match = _MEMBER.fullmatch(_collapse(member.signature))
        if match is None:
            continue
        key = match.group("key")
        out.append(Param(name=key, type=_collapse(match.group("type")), required=not match.group("opt"),
                         deprecated=member.deprecated, wire=key.strip("'\"")))
    return out


def _decl(view: ModelView, role: str, origin: str, where: str) -> TypeDecl:
    if view.kind == "interface":
        return TypeDecl(name=view.name, kind="object", role=role, origin=origin, fields=_fields(view),
                        deprecated=view.deprecated, where=where)
    match = _ALIAS.fullmatch(_collapse(view.alias))
    alias = _collapse(match.group("type")) if match else _collapse(view.alias)
    return TypeDecl(name=view.name, kind="alias", role=role, origin=origin, alias=alias, deprecated=view.deprecated,
                    where=where)


def surface(api: Api, config: Config, diags: Diagnostics) -> Surface:
    from . import TARGET

    return surface_of(TARGET.plan(api, config, diags), api)


def surface_of(jobs: list[RenderJob], api: Api) -> Surface:
    """The surface of the package these render jobs write (their view objects)."""
    where = locator()
    common = next(j.context for j in jobs if j.template == "src/client.ts.j2")
    models = next(j.context["models"] for j in jobs if j.template == "src/models.ts.j2")
    out = Surface(language="typescript", client=common["client"], package=common["package"],
                  version=common["version"], options=[c.option for c in common["credentials"]],
                  env=[c.env for c in common["credentials"]] + [common["env_base_url"]])
    roles = type_roles(api)
    for view in models:
        named = api.types.get(view.origin)
        out.add_type(_decl(view, roles.get(view.origin, "output"), view.origin,
                           where(named.location if named else None)))
    for res in common["resources"]:
        sent: dict[str, tuple[str, str]] = {}  # the request types methods take -> (operation, location)
        for m in res.methods:
            op = m.op
            origin = op_origin(op) if op else ""
            at = where(op.location if op else None)
            params = []
            for i, p in enumerate(m.params):
                if p.name == "options":
                    continue
                positional = p.name != "params"
                params.append(Param(name=p.name, type=p.type.flat(), required=not p.optional and p.default is None,
                                    position=i if positional else None, wire=p.name))
                if not positional:
                    sent[p.type.flat()] = (origin, at)
            out.add_method(Method(path=".".join(m.call_path or [m.name]), origin=origin, params=params,
                                  returns=m.returns.flat() if m.returns else "", deprecated=m.deprecated, where=at),
                           m.aliases)
        for t in res.types:
            base = next((name for name in sent if t.name.startswith(name)), None)
            role = "input" if base is not None else "output"
            origin, at = sent[base] if base is not None else ("", "")
            out.add_type(_decl(t, role, f"{origin} params" if origin else "", at))
    return out


def apply_version(jobs: list[RenderJob], version: str) -> None:
    """The package's version (package.json and the client's) is this one."""
    for job in jobs:
        if "version" in job.context:
            job.context["version"] = version
