"""Stage 2: validation.

Two layers:

* :func:`check_structure` — cheap checks run on every generation: what the
  pipeline needs to exist with the right shape (a version key, ``paths`` as a
  mapping, operations as mappings, parameter lists as lists...).  A violation
  that prevents generation is an error (exit 2).
* :func:`check_schema` — the full openapi-spec-validator run.  Real specs often
  fail it, so its findings are warnings, or errors under ``--strict``.  It is
  slow on large specs, so it runs only when asked (``validate``, ``--strict``).
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostics, Location, SpecError, join_pointer
from .load import Document

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def spec_version(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    for key in ("openapi", "swagger"):
        if key in data:
            return str(data[key])
    return None


def check_structure(doc: Document, diags: Diagnostics) -> str:
    """Structural checks; raises :class:`SpecError` when generation is impossible.

    Returns the version string (``"3.1.0"``, ``"2.0"``)."""
    root = Location(doc.display)
    data = doc.data
    if not isinstance(data, dict):
        diags.error("an OpenAPI document must be a mapping at the top level", root)
        raise SpecError(diags.errors())
    version = spec_version(data)
    if version is None:
        diags.error("not an OpenAPI document: no `openapi` (3.x) or `swagger` (2.0) version key", root)
        raise SpecError(diags.errors())
    is_swagger = "swagger" in data
    if is_swagger and not version.startswith("2"):
        diags.error(f"unsupported Swagger version {version!r} (2.0 is supported)", root.child("swagger"))
    elif not is_swagger and not version.startswith("3."):
        diags.error(f"unsupported OpenAPI version {version!r} (3.0 and 3.1 are supported)", root.child("openapi"))
    if "info" in data and not isinstance(data["info"], dict):
        diags.error("`info` must be a mapping", root.child("info"))
    paths = data.get("paths")
    if paths is None:
        has_other = isinstance(data.get("webhooks"), dict) or isinstance(data.get("components"), dict)
        if is_swagger or version.startswith("3.0") or not has_other:
            diags.error("the document has no `paths`", root)
    elif not isinstance(paths, dict):
        diags.error("`paths` must be a mapping of path templates to path items", root.child("paths"))
    else:
        for path, item in paths.items():
            ploc = root.child("paths", path)
            if not isinstance(path, str) or not path.startswith("/"):
                diags.warning(f"path {path!r} does not start with '/'", ploc)
            if not isinstance(item, dict):
                diags.error("a path item must be a mapping", ploc)
                continue
            _check_params(item.get("parameters"), ploc.child("parameters"), diags)
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                op = item[method]
                oloc = ploc.child(method)
                if not isinstance(op, dict):
                    diags.error("an operation must be a mapping", oloc)
                    continue
                _check_params(op.get("parameters"), oloc.child("parameters"), diags)
                if "responses" in op and not isinstance(op["responses"], dict):
                    diags.error("`responses` must be a mapping", oloc.child("responses"))
                if "requestBody" in op and not isinstance(op["requestBody"], dict):
                    diags.error("`requestBody` must be a mapping", oloc.child("requestBody"))
    for key in ("components", "webhooks", "definitions"):
        if key in data and not isinstance(data[key], dict):
            diags.error(f"`{key}` must be a mapping", root.child(key))
    components = data.get("components")
    if isinstance(components, dict):
        for section, entries in components.items():
            if not isinstance(entries, dict):
                diags.error(f"`components.{section}` must be a mapping", root.child("components", section))
    if diags.has_errors:
        raise SpecError(diags.errors())
    return version


def _check_params(params: Any, loc: Location, diags: Diagnostics) -> None:
    if params is None:
        return
    if not isinstance(params, list):
        diags.error("`parameters` must be a list", loc)
        return
    for index, param in enumerate(params):
        if not isinstance(param, dict):
            diags.error("a parameter must be a mapping", loc.child(index))


def check_schema(doc: Document, diags: Diagnostics, *, strict: bool) -> int:
    """Run openapi-spec-validator; report each finding. Returns the number of findings."""
    import openapi_spec_validator as osv

    data = doc.data
    if "swagger" in data:
        cls = osv.OpenAPIV2SpecValidator
    elif str(data.get("openapi", "")).startswith("3.0"):
        cls = osv.OpenAPIV30SpecValidator
    elif str(data.get("openapi", "")).startswith("3.1"):
        cls = osv.OpenAPIV31SpecValidator
    else:
        cls = getattr(osv, "OpenAPIV32SpecValidator", osv.OpenAPIV31SpecValidator)
    base_uri = doc.path.as_uri()
    count = 0
    index_cache: dict[int, str] = {}
    try:
        validator = cls(data, base_uri=base_uri)
        errors = validator.iter_errors()
        for error in errors:
            count += 1
            loc = _error_location(doc, error, index_cache)
            message = getattr(error, "message", str(error))
            if len(message) > 300:
                message = message[:297] + "..."
            text = f"schema validation: {message}"
            if strict:
                diags.error(text, loc)
            else:
                diags.warning(text, loc)
    except RecursionError:
        diags.warning("schema validation gave up: the document nests too deeply", Location(doc.display))
    except Exception as exc:  # the validator itself failed: never a traceback
        diags.warning(f"schema validation could not complete: {type(exc).__name__}: {exc}",
                      Location(doc.display))
    return count


def _error_location(doc: Document, error: Any, index: dict[int, str]) -> Location:
    """Locate a validator finding: the validator reports paths relative to the
    schema it was checking, so find the offending node by identity instead."""
    if not index:
        stack: list[tuple[Any, str]] = [(doc.data, "#")]
        while stack:
            node, pointer = stack.pop()
            index[id(node)] = pointer
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(value, (dict, list)):
                        stack.append((value, join_pointer(pointer, key)))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    if isinstance(value, (dict, list)):
                        stack.append((value, join_pointer(pointer, i)))
    instance = getattr(error, "instance", None)
    pointer = index.get(id(instance)) if isinstance(instance, (dict, list)) else None
    if pointer is None:
        parent_path = list(getattr(error, "absolute_path", []) or [])
        pointer = join_pointer("#", *[str(p) for p in parent_path])
    return Location(doc.display, pointer)
