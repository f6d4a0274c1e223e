"""A Swagger 2.0 spec split over several files, gathered into one document before the upgrade.

The upgrade (``upgrade.py``) rewrites a 2.0 document into 3.0 by the role each part plays: a
parameter's ``type`` becomes its ``schema``, an ``in: body`` parameter becomes the operation's
request body, a response's ``schema`` becomes ``content``.  A part in another file
(``$ref: '../common/Error.yaml'``) has the same role, so it is brought in first:

* a referenced parameter or response is copied where it is referenced (the operation needs to see
  whether a parameter is a body);
* a referenced schema becomes a named definition (``#/definitions/Pet`` for ``Pet.yaml`` or
  ``schemas.yaml#/Pet``), so it keeps its name and a recursive schema stays finite.

References inside a copied part are relative to the file it came from and are followed from there.
The files were loaded and checked (boundary, missing files and nodes, cycles) by
:func:`resolve.resolve` over the 2.0 documents before this runs.
"""

from __future__ import annotations

import copy
from typing import Any

from ..diagnostics import Location
from .resolve import DanglingRef, ResolvedSpec

_MAX_INLINE = 64  # parameters or responses that refer to one another this deep: a chain, not a spec


def has_file_refs(spec: ResolvedSpec) -> bool:
    return len(spec.documents) > 1


def bundle(spec: ResolvedSpec) -> dict[str, Any]:
    """The root document with every part from other files brought in (the loaded data is not modified)."""
    return _Bundler(spec).run()


class _Bundler:
    def __init__(self, spec: ResolvedSpec) -> None:
        self.spec = spec
        self.root = spec.root.display
        self.out: dict[str, Any] = copy.copy(spec.root.data)
        definitions = self.out.get("definitions")
        self.definitions: dict[str, Any] = dict(definitions) if isinstance(definitions, dict) else {}
        self.names: dict[tuple[str, str], str] = {}  # (file, pointer) -> definition name

    def run(self) -> dict[str, Any]:
        out = self.out
        base = Location(self.root, "#")
        # a definition that only names a schema in another file (`Pet: {$ref: Pet.yaml}`) is that schema
        aliases = {name: schema["$ref"] for name, schema in self.definitions.items()
                   if isinstance(schema, dict) and len(schema) == 1 and isinstance(schema.get("$ref"), str)
                   and not schema["$ref"].startswith("#")}
        for name, ref in aliases.items():
            _, where = self.spec.target(ref, base)
            self.names.setdefault((where.file, where.pointer), name)
        for name, ref in aliases.items():
            target, where = self.spec.target(ref, base)
            owner = self.names[(where.file, where.pointer)]
            if owner == name:
                self.definitions[name] = self._schema(copy.deepcopy(target), where)
            else:
                self.definitions[name] = {"$ref": "#/definitions/" + owner.replace("~", "~0").replace("/", "~1")}
            self.names[(self.root, f"#/definitions/{name}")] = name
        for key in ("paths", "parameters", "responses"):
            if isinstance(out.get(key), dict):
                out[key] = self._walk(copy.deepcopy(out[key]), base, key, 0)
        for name in list(self.definitions):
            if (self.root, f"#/definitions/{name}") not in self.names:
                self.definitions[name] = self._walk(copy.deepcopy(self.definitions[name]), base, "schema", 0)
        if self.definitions:
            out["definitions"] = self.definitions
        return out

    # ---------------------------------------------------------------- roles
    def _walk(self, node: Any, base: Location, role: str, depth: int) -> Any:
        """``node`` (a copy) with its references from ``base``'s file brought in. ``role``: what ``node`` is
        (paths, path item, operation, parameters, parameter, responses, response or schema)."""
        if isinstance(node, list):
            item = {"parameters": "parameter"}.get(role, role)
            return [self._walk(value, base, item, depth) for value in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and role in ("parameter", "response", "path item"):
            if base.file == self.root and ref.startswith("#"):
                return node  # the upgrade rewrites these
            if depth >= _MAX_INLINE:
                return node
            target, where = self.spec.target(ref, base)
            return self._walk(copy.deepcopy(target), where, role, depth + 1)
        if role == "schema":
            return self._schema(node, base)
        children = _CHILDREN.get(role, {})
        out = {}
        for key, value in node.items():
            child = children.get(key)
            if child is None and role in ("paths", "responses", "parameters"):
                child = {"paths": "path item", "responses": "response", "parameters": "parameter"}[role]
            if child is None and role == "path item" and key in _METHODS:
                child = "operation"
            if child is None:
                out[key] = value
                continue
            if child == "response" and isinstance(value, dict) and isinstance(value.get("$ref"), str):
                try:
                    out[key] = self._walk(value, base, child, depth)
                except DanglingRef:
                    continue  # a response file that does not exist: warned about, left out
                continue
            out[key] = self._walk(value, base, child, depth)
        return out

    def _schema(self, node: dict[str, Any], base: Location) -> dict[str, Any]:
        """A schema whose references to other files (or, in another file, to that file) become definitions."""
        stack: list[tuple[Any, bool]] = [(node, False)]
        while stack:
            current, name_map = stack.pop()
            if isinstance(current, list):
                stack.extend((v, False) for v in current if isinstance(v, (dict, list)))
                continue
            if not isinstance(current, dict):
                continue
            if name_map:
                stack.extend((v, False) for v in current.values() if isinstance(v, (dict, list)))
                continue
            ref = current.get("$ref")
            if isinstance(ref, str) and not (base.file == self.root and ref.startswith("#")):
                current["$ref"] = "#/definitions/" + self._definition(ref, base).replace("~", "~0").replace("/", "~1")
            for key, value in current.items():
                if isinstance(value, (dict, list)) and key not in ("example", "default", "enum", "x-example"):
                    stack.append((value, key in ("properties", "patternProperties", "definitions")))
        return node

    def _definition(self, ref: str, base: Location) -> str:
        """The definition name for the schema ``ref`` (from ``base``) points at, brought in on first use."""
        _, where = self.spec.target(ref, base)
        key = (where.file, where.pointer)
        name = self.names.get(key)
        if name is not None:
            return name
        if where.file == self.root and where.pointer.startswith("#/definitions/") and where.pointer.count("/") == 2:
            name = where.pointer[len("#/definitions/"):].replace("~1", "/").replace("~0", "~")
            self.names[key] = name
            return name
        tail = where.pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~") if where.pointer != "#" else ""
        stem = tail or where.file.replace("\\", "/").rsplit("/", 1)[-1].split(".")[0] or "Schema"
        name, number = stem, 1
        while name in self.definitions:
            number += 1
            name = f"{stem}{number}"
        self.names[key] = name
        self.definitions[name] = {}  # taken before the walk: a schema that refers back to itself ends here
        target, _ = self.spec.target(ref, base)
        self.definitions[name] = self._schema(copy.deepcopy(target), where)
        return name


_METHODS = frozenset(("get", "put", "post", "delete", "options", "head", "patch"))
_CHILDREN: dict[str, dict[str, str]] = {
    "path item": {"parameters": "parameters"},
    "operation": {"parameters": "parameters", "responses": "responses"},
    "parameter": {"schema": "schema", "items": "schema"},
    "response": {"schema": "schema"},
}
