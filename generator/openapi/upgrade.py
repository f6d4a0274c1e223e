"""Swagger 2.0 -> OpenAPI 3.0, in memory, so the rest of the pipeline sees one shape.

What moves where:

* ``definitions`` -> ``components.schemas``; ``parameters`` -> ``components.parameters``
  (``in: body`` ones -> ``components.requestBodies``); ``responses`` ->
  ``components.responses``; ``securityDefinitions`` -> ``components.securitySchemes``.
* ``host`` + ``basePath`` + ``schemes`` -> ``servers``.
* ``in: body`` parameters -> ``requestBody`` with the operation's ``consumes``;
  ``in: formData`` parameters -> a ``multipart/form-data`` (when a file is among
  them or ``consumes`` says so) or ``application/x-www-form-urlencoded`` body.
* Parameter ``type``/``format``/``items``/``enum``/``default`` -> ``schema``;
  ``collectionFormat`` -> ``style``/``explode``; ``type: file`` -> binary string;
  ``x-nullable`` -> ``nullable``.
* Response ``schema`` -> ``content`` keyed by the operation's ``produces``.

Every ``$ref`` is rewritten to its new home.  Diagnostics still point into the
original file: the upgrade records where each node it makes comes from (:class:`Origins`), and
:meth:`Origins.original` maps a pointer into the new document back to the user's own node (a body
parameter's schema for ``requestBody/content/.../schema``, a form parameter for its property, a
parameter's own ``type`` for its ``schema``, a response's ``schema`` for its ``content``).
"""

from __future__ import annotations

import copy
from typing import Any

from ..diagnostics import join_pointer, split_pointer

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_PARAM_SCHEMA_KEYS = ("type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum",
                      "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
                      "uniqueItems", "multipleOf")
_STYLE = {"csv": ("form", False), "ssv": ("spaceDelimited", False), "pipes": ("pipeDelimited", False),
          "multi": ("form", True), "tsv": ("form", False)}


class Origins:
    """Where the nodes of an upgraded document come from: a pointer into the new document (a node
    the upgrade made) -> the pointer of the original node it stands for.  A pointer below a recorded
    one maps below its origin (the rest of the path is the same in both documents)."""

    def __init__(self) -> None:
        self.made: dict[str, str] = {}

    def add(self, new: str, old: str) -> None:
        self.made[new] = old

    def original(self, pointer: str) -> str:
        """The user's pointer for ``pointer`` into the upgraded document."""
        try:
            tokens = split_pointer(pointer)
        except ValueError:
            return pointer
        for depth in range(len(tokens), 0, -1):
            found = self.made.get(join_pointer("#", *tokens[:depth]))
            if found is not None:
                return join_pointer(found, *tokens[depth:])
        return original_pointer(pointer)


def original_pointer(pointer: str) -> str:
    """Map a pointer into the upgraded document back to the Swagger 2.0 original (by section only;
    :class:`Origins` knows each node)."""
    for new, old in (("#/components/schemas/", "#/definitions/"), ("#/components/parameters/", "#/parameters/"),
                     ("#/components/requestBodies/", "#/parameters/"), ("#/components/responses/", "#/responses/"),
                     ("#/components/securitySchemes/", "#/securityDefinitions/")):
        if pointer.startswith(new):
            return old + pointer[len(new):]
    return pointer.split("/requestBody", 1)[0]


def _rewrite_ref(ref: str, body_params: set[str]) -> str:
    if not ref.startswith("#/"):
        return ref
    for old, new in (("#/definitions/", "#/components/schemas/"), ("#/responses/", "#/components/responses/")):
        if ref.startswith(old):
            return new + ref[len(old):]
    if ref.startswith("#/parameters/"):
        name = ref[len("#/parameters/"):]
        section = "requestBodies" if name in body_params else "parameters"
        return f"#/components/{section}/{name}"
    return ref


def _schema(node: Any, body_params: set[str]) -> Any:
    """Rewrite refs and 2.0-only schema keywords, recursively (iteratively)."""
    root = copy.deepcopy(node)
    # (node, is it a map of names -> schemas, where keyword-like keys are just names)
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        current, name_map = stack.pop()
        if isinstance(current, dict):
            if name_map:
                stack.extend((v, False) for v in current.values() if isinstance(v, (dict, list)))
                continue
            ref = current.get("$ref")
            if isinstance(ref, str):
                current["$ref"] = _rewrite_ref(ref, body_params)
            if current.get("type") == "file":
                current["type"] = "string"
                current["format"] = "binary"
            if current.pop("x-nullable", False) is True:
                current["nullable"] = True
            for key, value in current.items():
                if isinstance(value, (dict, list)) and key not in ("example", "default", "enum", "x-example"):
                    stack.append((value, key in ("properties", "patternProperties", "definitions")))
        elif isinstance(current, list):
            stack.extend((v, False) for v in current if isinstance(v, (dict, list)))
    return root


def _param_schema(param: dict[str, Any], body_params: set[str]) -> dict[str, Any]:
    schema = {k: param[k] for k in _PARAM_SCHEMA_KEYS if k in param}
    if param.get("type") == "file":
        schema = {"type": "string", "format": "binary"}
    if param.get("x-nullable") is True:
        schema["nullable"] = True
    return _schema(schema, body_params)


def _parameter(param: dict[str, Any], body_params: set[str]) -> dict[str, Any]:
    if "$ref" in param:
        return {"$ref": _rewrite_ref(param["$ref"], body_params)}
    out = {k: v for k, v in param.items() if k not in _PARAM_SCHEMA_KEYS and k not in (
        "collectionFormat", "allowEmptyValue", "x-nullable")}
    out["schema"] = _param_schema(param, body_params)
    fmt = param.get("collectionFormat")
    if param.get("type") == "array" and fmt in _STYLE:
        out["style"], out["explode"] = _STYLE[fmt]
    if "x-example" in param and "example" not in out:
        out["example"] = param["x-example"]
    return out


def _request_body_from_body(param: dict[str, Any], consumes: list[str], body_params: set[str]) -> dict[str, Any]:
    schema = _schema(param.get("schema", {}), body_params)
    body: dict[str, Any] = {"content": {mt: {"schema": schema} for mt in consumes}}
    if param.get("description"):
        body["description"] = param["description"]
    if param.get("required"):
        body["required"] = True
    if "x-examples" in param and isinstance(param["x-examples"], dict):
        for mt, example in param["x-examples"].items():
            if mt in body["content"]:
                body["content"][mt]["example"] = example
    return body


def _form_body(params: list[dict[str, Any]], consumes: list[str], body_params: set[str]) -> dict[str, Any]:
    has_file = any(p.get("type") == "file" for p in params)
    media = "multipart/form-data" if has_file or "multipart/form-data" in consumes else (
        "application/x-www-form-urlencoded")
    schema: dict[str, Any] = {"type": "object", "properties": {}}
    required = []
    for p in params:
        prop = _param_schema(p, body_params)
        if p.get("description"):
            prop["description"] = p["description"]
        schema["properties"][p["name"]] = prop
        if p.get("required"):
            required.append(p["name"])
    if required:
        schema["required"] = required
    return {"content": {media: {"schema": schema}}, "required": bool(required)}


def _content(origins: Origins, new: str, old: str, media: Any) -> None:
    """``new/content/<media>/schema`` for each media type stands for ``old/schema``."""
    for mt in media:
        origins.add(join_pointer(new, "content", mt, "schema"), join_pointer(old, "schema"))
        origins.add(join_pointer(new, "content", mt), old)


def _record_response(origins: Origins, new: str, old: str, made: Any) -> None:
    origins.add(new, old)
    if isinstance(made, dict) and isinstance(made.get("content"), dict):
        _content(origins, new, old, made["content"])
    if isinstance(made, dict) and isinstance(made.get("headers"), dict):
        for name in made["headers"]:
            origins.add(join_pointer(new, "headers", name, "schema"), join_pointer(old, "headers", name))


def upgrade(doc: dict[str, Any], origins: Origins | None = None) -> dict[str, Any]:
    """A 3.0 document equivalent to the Swagger 2.0 ``doc`` (which is not modified); ``origins``
    learns where each node it makes comes from."""
    origins = origins if origins is not None else Origins()
    global_params = doc.get("parameters") if isinstance(doc.get("parameters"), dict) else {}
    body_params = {name for name, p in global_params.items() if isinstance(p, dict) and p.get("in") == "body"}
    form_params = {name for name, p in global_params.items() if isinstance(p, dict) and p.get("in") == "formData"}
    consumes_default = [c for c in doc.get("consumes") or [] if isinstance(c, str)] or ["application/json"]
    produces_default = [c for c in doc.get("produces") or [] if isinstance(c, str)] or ["application/json"]
    out: dict[str, Any] = {"openapi": "3.0.3"}
    for key, value in doc.items():
        if key.startswith("x-") or key in ("info", "tags", "externalDocs", "security"):
            out[key] = copy.deepcopy(value)
    out.setdefault("info", {"title": "API", "version": ""})
    host = doc.get("host")
    base = doc.get("basePath", "") or ""
    schemes = [s for s in doc.get("schemes") or [] if isinstance(s, str)] or ["https"]
    if isinstance(host, str) and host:
        out["servers"] = [{"url": f"{scheme}://{host}{base}"} for scheme in schemes]
        origins.add("#/servers", "#/host")
    elif base:
        out["servers"] = [{"url": base}]
        origins.add("#/servers", "#/basePath")
    components: dict[str, Any] = {}
    definitions = doc.get("definitions") if isinstance(doc.get("definitions"), dict) else {}
    if definitions:
        components["schemas"] = {name: _schema(schema, body_params) for name, schema in definitions.items()}
    plain = {n: _parameter(p, body_params) for n, p in global_params.items()
             if isinstance(p, dict) and n not in body_params and n not in form_params}
    if plain:
        components["parameters"] = plain
        for name in plain:
            origins.add(join_pointer("#/components/parameters", name, "schema"), join_pointer("#/parameters", name))
    if body_params:
        components["requestBodies"] = {n: _request_body_from_body(global_params[n], consumes_default, body_params)
                                       for n in sorted(body_params)}
        for name, body in components["requestBodies"].items():
            _content(origins, join_pointer("#/components/requestBodies", name), join_pointer("#/parameters", name),
                     body["content"])
    responses = doc.get("responses") if isinstance(doc.get("responses"), dict) else {}
    if responses:
        components["responses"] = {n: _response(r, produces_default, body_params) for n, r in responses.items()}
        for name, made in components["responses"].items():
            _record_response(origins, join_pointer("#/components/responses", name), join_pointer("#/responses", name),
                             made)
    security = doc.get("securityDefinitions") if isinstance(doc.get("securityDefinitions"), dict) else {}
    if security:
        components["securitySchemes"] = {n: _security(s) for n, s in security.items() if isinstance(s, dict)}
    paths_out: dict[str, Any] = {}
    for path, item in (doc.get("paths") or {}).items():
        if not isinstance(item, dict):
            paths_out[path] = item
            continue
        new_item: dict[str, Any] = {}
        at = join_pointer("#/paths", path)
        where = {id(p): join_pointer(at, "parameters", i) for i, p in enumerate(item.get("parameters") or [])}
        shared = [p for p in item.get("parameters") or [] if isinstance(p, dict)]
        for key, value in item.items():
            if key.startswith("x-") or key in ("summary", "description"):
                new_item[key] = copy.deepcopy(value)
        shared_plain = [p for p in shared if p.get("in") not in ("body", "formData") and not _is_ref_to(
            p, body_params | form_params)]
        if shared_plain:
            new_item["parameters"] = [_parameter(p, body_params) for p in shared_plain]
            for i, p in enumerate(shared_plain):
                _record_parameter(origins, join_pointer(at, "parameters", i), where[id(p)], p)
        for method in HTTP_METHODS:
            op = item.get(method)
            if not isinstance(op, dict):
                continue
            new_item[method] = _operation(op, shared, global_params, body_params, form_params, consumes_default,
                                          produces_default, (origins, join_pointer(at, method), where))
        paths_out[path] = new_item
    out["paths"] = paths_out
    if components:
        out["components"] = components
    return out


def _is_ref_to(param: dict[str, Any], names: set[str]) -> bool:
    ref = param.get("$ref")
    return isinstance(ref, str) and ref.startswith("#/parameters/") and ref[len("#/parameters/"):] in names


def _record_parameter(origins: Origins, new: str, old: str, param: dict[str, Any]) -> None:
    """A parameter made from ``param`` (at ``old``): its ``schema`` is the parameter's own keys."""
    origins.add(new, old)
    if "$ref" not in param:
        origins.add(join_pointer(new, "schema"), old)


def _operation(op: dict[str, Any], shared: list[dict[str, Any]], global_params: dict[str, Any],
               body_params: set[str], form_params: set[str], consumes_default: list[str],
               produces_default: list[str], record: tuple[Origins, str, dict[int, str]]) -> dict[str, Any]:
    """``record``: (origins, the operation's pointer, each path-level parameter's pointer by id)."""
    origins, at, where = record
    where = {**where, **{id(p): join_pointer(at, "parameters", i) for i, p in enumerate(op.get("parameters") or [])}}
    consumes = [c for c in op.get("consumes") or [] if isinstance(c, str)] or consumes_default
    produces = [c for c in op.get("produces") or [] if isinstance(c, str)] or produces_default
    new_op = {k: copy.deepcopy(v) for k, v in op.items() if k not in (
        "parameters", "responses", "consumes", "produces", "schemes")}
    params: list[dict[str, Any]] = []
    body: dict[str, Any] | None = None
    body_at = ""
    forms: list[dict[str, Any]] = []
    form_at: dict[str, str] = {}

    def expand(p: dict[str, Any]) -> dict[str, Any]:
        ref = p.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/parameters/"):
            target = global_params.get(ref[len("#/parameters/"):])
            if isinstance(target, dict) and target.get("in") in ("body", "formData"):
                return target
        return p

    own = [p for p in op.get("parameters") or [] if isinstance(p, dict)]
    own_keys = {(expand(p).get("in"), expand(p).get("name")) for p in own}
    for p in [s for s in shared if (expand(s).get("in"), expand(s).get("name")) not in own_keys] + own:
        target = expand(p)
        kind = target.get("in")
        if kind == "body":
            body_at = where.get(id(p), at)
            if "$ref" in p and _is_ref_to(p, body_params):
                body = {"$ref": _rewrite_ref(p["$ref"], body_params)}
            else:
                body = _request_body_from_body(target, consumes, body_params)
        elif kind == "formData":
            forms.append(target)
            form_at[str(target.get("name"))] = where.get(id(p), at)
        elif p in shared and "$ref" not in p:
            continue  # kept on the path item
        else:
            _record_parameter(origins, join_pointer(at, "parameters", len(params)), where.get(id(p), at), p)
            params.append(_parameter(p, body_params))
    if params:
        new_op["parameters"] = params
    new_body = join_pointer(at, "requestBody")
    if body is not None:
        new_op["requestBody"] = body
        origins.add(new_body, body_at)
        if "content" in body:
            _content(origins, new_body, body_at, body["content"])
    elif forms:
        new_op["requestBody"] = _form_body(forms, consumes, body_params)
        origins.add(new_body, at)
        for mt in new_op["requestBody"]["content"]:
            for name, old in form_at.items():
                origins.add(join_pointer(new_body, "content", mt, "schema", "properties", name), old)
    responses = op.get("responses") if isinstance(op.get("responses"), dict) else {}
    new_op["responses"] = {str(code): _response(r, produces, body_params) for code, r in responses.items()}
    for code, made in new_op["responses"].items():
        old = join_pointer(at, "responses", code)
        _record_response(origins, old, old, made)
    return new_op


def _response(response: Any, produces: list[str], body_params: set[str]) -> Any:
    if not isinstance(response, dict):
        return response
    if "$ref" in response:
        return {"$ref": _rewrite_ref(response["$ref"], body_params)}
    out: dict[str, Any] = {"description": response.get("description", "")}
    for key, value in response.items():
        if key.startswith("x-"):
            out[key] = copy.deepcopy(value)
    if "schema" in response:
        schema = _schema(response["schema"], body_params)
        out["content"] = {mt: {"schema": schema} for mt in produces}
        examples = response.get("examples")
        if isinstance(examples, dict):
            for mt, example in examples.items():
                if mt in out["content"]:
                    out["content"][mt]["example"] = example
    headers = response.get("headers")
    if isinstance(headers, dict):
        out["headers"] = {
            name: {"description": h.get("description", ""), "schema": _param_schema(h, body_params)}
            for name, h in headers.items() if isinstance(h, dict)
        }
    return out


def _security(scheme: dict[str, Any]) -> dict[str, Any]:
    kind = scheme.get("type")
    if kind == "basic":
        return {"type": "http", "scheme": "basic", "description": scheme.get("description", "")}
    if kind == "apiKey":
        return {"type": "apiKey", "name": scheme.get("name", ""), "in": scheme.get("in", "header")}
    if kind == "oauth2":
        flow = scheme.get("flow", "implicit")
        name = {"accessCode": "authorizationCode", "application": "clientCredentials"}.get(flow, flow)
        body: dict[str, Any] = {"scopes": scheme.get("scopes", {})}
        if "authorizationUrl" in scheme:
            body["authorizationUrl"] = scheme["authorizationUrl"]
        if "tokenUrl" in scheme:
            body["tokenUrl"] = scheme["tokenUrl"]
        return {"type": "oauth2", "flows": {name: body}}
    return dict(scheme)
