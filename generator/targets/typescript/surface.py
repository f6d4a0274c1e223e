"""The TypeScript SDK's public surface, read from the views the TypeScript target renders."""

from __future__ import annotations

import re

from ...config import Config
from ...diagnostics import Diagnostics
from ...ir.model import Api
from ...surface import Method, Param, Surface, TypeDecl, locator, op_origin, type_roles
from .views import ModelView, TypeScriptViews

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
    views = TypeScriptViews(api, config, diags)
    built = views.build()
    where = locator(diags)
    out = Surface(language="typescript", client=views.client_name, package=views.package_name(),
                  version=views.version(), options=[c.option for c in views.credentials()],
                  env=[c.env for c in views.credentials()] + [views.contract.names.env_base_url])
    roles = type_roles(api)
    origin_of = {name: key for key, name in views.type_names.items()}
    for view in built["models"]:
        origin = origin_of.get(view.name, "")
        named = api.types.get(origin)
        out.add_type(_decl(view, roles.get(origin, "output"), origin, where(named.location if named else None)))
    for res in built["resources"]:
        sent: dict[str, tuple[str, str]] = {}  # the request types methods take -> (operation, location)
        for m in res.methods:
            op = m.op
            origin = op_origin(op) if op else ""
            at = where(op.location if op else None)
            path = ".".join(views.call_paths[id(op)]) if op else m.name
            params = []
            for i, p in enumerate(m.params):
                if p.name == "options":
                    continue
                positional = p.name != "params"
                params.append(Param(name=p.name, type=p.type.flat(), required=not p.optional and p.default is None,
                                    position=i if positional else None, wire=p.name))
                if not positional:
                    sent[p.type.flat()] = (origin, at)
            out.add_method(Method(path=path, origin=origin, params=params,
                                  returns=m.returns.flat() if m.returns else "", deprecated=m.deprecated, where=at))
        for t in res.types:
            base = next((name for name in sent if t.name.startswith(name)), None)
            role = "input" if base is not None else "output"
            origin, at = sent[base] if base is not None else ("", "")
            out.add_type(_decl(t, role, f"{origin} params" if origin else "", at))
    return out
