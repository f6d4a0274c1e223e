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
    index_cache: dict[int, tuple[str, Any]] = {}
    placed: set[str] = set()
    try:
        validator = cls(data, base_uri=base_uri)
        errors = validator.iter_errors()
        for error in errors:
            count += 1
            error = _nearest(error)
            loc = _error_location(doc, error, index_cache, placed)
            placed.add(loc.pointer)
            message = _reworded(error)
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


def _nearest(error: Any) -> Any:
    """For a finding that no alternative of a ``oneOf``/``anyOf`` fits, the alternative's finding
    that says most (the deepest, never "'$ref' is a required property" of the Reference object the
    node was not meant to be); the finding itself when there is none."""
    while getattr(error, "context", None):
        found = [e for e in error.context if not (e.validator in ("required", "additionalProperties")
                                                   and "'$ref'" in str(getattr(e, "message", "")))]
        if not found:
            break
        error = max(found, key=lambda e: len(list(getattr(e, "absolute_path", []) or [])))
    return error


def _words(value: Any) -> str:
    """A value as a message shows it: JSON's words, a mapping or list by what it is."""
    if isinstance(value, dict):
        return "this mapping"
    if isinstance(value, list):
        return "this list"
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return repr(value)


def _reworded(error: Any) -> str:
    """The validator's message in words a person can act on: the value as JSON names it (not a
    Python repr of a whole subtree), and what to do about a null where the schema has none."""
    message = str(getattr(error, "message", error))
    instance = getattr(error, "instance", None)
    if message == "None for not nullable":
        return ("null is not allowed here: the schema is not nullable; remove the null `default`/`example`, or "
                "add `nullable: true` to the schema (Swagger 2.0: `x-nullable: true`)")
    shown = repr(instance) if isinstance(instance, (dict, list, str, int, float)) or instance is None else ""
    if shown and message.startswith(shown):
        message = _words(instance) + message[len(shown):]
    return message.replace("None is not of type", "null is not of type")


def _resolves(node: Any, path: list[Any]) -> tuple[bool, Any]:
    for token in path:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and isinstance(token, int) and 0 <= token < len(node):
            node = node[token]
        else:
            return False, None
    return True, node


def _error_location(doc: Document, error: Any, index: dict[int, tuple[str, Any]],
                    placed: set[str] | None = None) -> Location:
    """Locate a validator finding: the validator reports paths relative to the
    schema it was checking, so find the offending node by identity instead; a scalar (which has
    no identity) at a node whose path below it leads to that value (the first in the file not
    placed yet, when several fit); a null the validator reports without a path at a schema's null
    ``default``/``example`` that is not nullable."""
    if not index:
        stack: list[tuple[Any, str]] = [(doc.data, "#")]
        while stack:
            node, pointer = stack.pop()
            index[id(node)] = (pointer, node)
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(value, (dict, list)):
                        stack.append((value, join_pointer(pointer, key)))
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    if isinstance(value, (dict, list)):
                        stack.append((value, join_pointer(pointer, i)))
    instance = getattr(error, "instance", None)
    if isinstance(instance, (dict, list)) and id(instance) in index:
        return Location(doc.display, index[id(instance)][0])
    path = list(getattr(error, "absolute_path", []) or [])
    here = join_pointer("#", *[str(p) for p in path])
    fits, value = _resolves(doc.data, path)
    if path and fits and value == instance:
        return Location(doc.display, here)
    candidates = []
    for at, node in index.values():
        if path:
            fits, value = _resolves(node, path)
            if fits and value == instance and type(value) is type(instance):
                candidates.append(join_pointer(at, *[str(p) for p in path]))
        elif instance is None and isinstance(node, dict) and not node.get("nullable") and \
                not node.get("x-nullable"):
            candidates += [join_pointer(at, key) for key in ("default", "example", "x-example")
                           if key in node and node[key] is None]
    candidates.sort(key=lambda pointer: doc.locate(pointer) or (0, 0))
    fresh = [c for c in candidates if c not in (placed or ())]
    return Location(doc.display, (fresh or candidates or [here])[0])
