"""Random multi-file spec layouts for the fuzzer (tests/test_fuzz.py::test_fuzz_multi_file_layouts).

A layout is a set of files under one top folder: the spec (3.0, 3.1 or Swagger 2.0, JSON or YAML)
in a nested folder, schema, parameter and response files in its own, parent and sibling folders,
``$ref``s to them written the right way or with ``../`` past the top, to missing files and to
missing nodes, and symbolic links: to a real file, to themselves, in pairs, out of the top folder.
The top folder is a repository (has ``.git``) or not, so the same refs are sometimes inside the
root and sometimes outside it.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml
from hypothesis import strategies as st

FOLDERS = ["api", "api/v1", "common", "shared/schemas", "api/v1/defs"]
SPEC_FOLDERS = ["api", "api/v1"]


@dataclass
class Layout:
    spec: str  # the spec's path under the top folder
    files: dict[str, Any] = field(default_factory=dict)  # path -> data
    links: dict[str, str] = field(default_factory=dict)  # path -> link target (as written in the link)
    repository: bool = False

    def write(self, top: Path) -> Path:
        for rel, data in self.files.items():
            path = top / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if rel.endswith(".json"):
                path.write_text(json.dumps(data, ensure_ascii=True), "utf-8")
            else:
                path.write_text(yaml.safe_dump(data, allow_unicode=False, width=1 << 20), "utf-8")
        for rel, target in self.links.items():
            path = top / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if not os.path.lexists(path):
                path.symlink_to(target)
        if self.repository:
            (top / ".git").mkdir(exist_ok=True)
        return top / self.spec


def _rel(source_file: str, target_file: str) -> str:
    return posixpath.relpath(target_file, posixpath.dirname(source_file) or ".")


@st.composite
def layouts(draw: st.DrawFn, schema: Callable[[list[str], str], st.SearchStrategy[dict[str, Any]]],
            text: st.SearchStrategy[str]) -> Layout:
    """``schema(refs, version)``: the fuzzer's schema strategy (local refs to the names given)."""
    version = draw(st.sampled_from(["3.0.3", "3.1.0", "2.0"]))
    ext = lambda: draw(st.sampled_from([".yaml", ".json", ".yml"]))  # noqa: E731
    spec = draw(st.sampled_from(SPEC_FOLDERS)) + "/spec" + ext()
    layout = Layout(spec=spec, repository=draw(st.integers(0, 3)) > 0)
    # schema files: a whole-file schema or a container of named ones
    targets: list[tuple[str, str]] = []  # (file, fragment) a schema $ref may name
    for index in range(draw(st.integers(1, 4))):
        path = f"{draw(st.sampled_from(FOLDERS))}/schema{index}{ext()}"
        if draw(st.booleans()):
            layout.files[path] = draw(schema([], version))
            targets.append((path, ""))
        else:
            names = draw(st.lists(st.sampled_from(["Pet", "Error", "Item", "x y", "a/b"]), min_size=1, max_size=3,
                                  unique=True))
            layout.files[path] = {name: draw(schema([], version)) for name in names}
            targets += [(path, "#/" + name.replace("~", "~0").replace("/", "~1")) for name in names]
    # links: to a real file, to themselves, in pairs, out of the top folder
    for index in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        folder = draw(st.sampled_from(FOLDERS))
        link = f"{folder}/link{index}.yaml"
        kind = draw(st.sampled_from(["file", "self", "pair", "outside"] if targets else ["self", "pair", "outside"]))
        if kind == "file":
            target_file, fragment = draw(st.sampled_from(targets))
            layout.links[link] = _rel(link, target_file)
            targets.append((link, fragment))
            continue
        if kind == "self":
            layout.links[link] = posixpath.basename(link)
        elif kind == "pair":
            other = f"{folder}/pair{index}.yaml"
            layout.links[link] = posixpath.basename(other)
            layout.links[other] = posixpath.basename(link)
        else:
            layout.links[link] = "/etc/hostname"
        targets.append((link, ""))

    def ref() -> str:
        """A $ref from the spec to a schema: right, past the top, to a missing file or node."""
        kind = draw(st.sampled_from(["right"] * 30 + ["past-top", "missing-file", "missing-node", "absolute"]))
        if kind == "right" and targets:
            target_file, fragment = draw(st.sampled_from(targets))
            return _rel(spec, target_file) + fragment
        if kind == "past-top":
            return "../" * (spec.count("/") + 1) + "elsewhere.yaml"
        if kind == "missing-file":
            return _rel(spec, f"{draw(st.sampled_from(FOLDERS))}/missing{ext()}")
        if kind == "missing-node" and targets:
            return _rel(spec, draw(st.sampled_from(targets))[0]) + "#/nope"
        return "/etc/passwd"

    schemas = {f"S{index}": {"$ref": ref()} for index in range(draw(st.integers(0, 3)))}
    paths: dict[str, Any] = {}
    for index in range(draw(st.integers(1, 3))):
        body = {"type": "array", "items": {"$ref": ref()}} if draw(st.booleans()) else {"$ref": ref()}
        response_file = f"{draw(st.sampled_from(FOLDERS))}/response{index}{ext()}"
        if version == "2.0":
            layout.files[response_file] = {"description": draw(text), "schema": {"$ref": _rel(response_file, spec)
                                                                                  + "#/definitions/S0"}
                                           if schemas else {"type": "string"}}
            param_file = f"{draw(st.sampled_from(FOLDERS))}/params{index}{ext()}"
            layout.files[param_file] = {"limit": {"name": "limit", "in": "query", "type": "integer"},
                                        "body": {"name": "body", "in": "body", "schema": {"type": "object"}}}
            operation = {"parameters": [{"$ref": _rel(spec, param_file) + "#/" + draw(st.sampled_from(["limit",
                                                                                                      "body"]))}],
                         "responses": {"200": {"description": "ok", "schema": body},
                                       "default": {"$ref": _rel(spec, response_file)}}}
        else:
            target = _rel(response_file, spec) + "#/components/schemas/S0" if schemas else None
            layout.files[response_file] = {"description": draw(text), "content": {"application/json": {
                "schema": {"$ref": target} if target else {"type": "string"}}}}
            operation = {"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": body}}},
                                       "default": {"$ref": _rel(spec, response_file)}}}
        paths[f"/r{index}"] = {draw(st.sampled_from(["get", "post"])): operation}
    head: dict[str, Any] = {"swagger": "2.0"} if version == "2.0" else {"openapi": version}
    doc = {**head, "info": {"title": draw(text) or "T", "version": "1"}, "paths": paths}
    if version == "2.0":
        doc["definitions"] = schemas
    else:
        doc["components"] = {"schemas": schemas}
    layout.files[spec] = doc
    return layout
