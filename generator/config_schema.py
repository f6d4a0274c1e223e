"""What the config's one typed description (:data:`generator.config.SCHEMA`) says, for people and
editors: a JSON Schema (``sdkforge config schema``; shipped as docs/sdkforge.config.schema.json) and
the reference of every key with its type, default and description (``sdkforge config docs``, the
README's config section).  Both are read off ``SCHEMA``, so neither can drift from what is checked."""

from __future__ import annotations

import json
import textwrap
from typing import Any, Iterator, NamedTuple

from .config import SCHEMA, Bool, Fields, ListOf, MapOf, Spec, Str, Tree, expected

TITLE = "sdkforge config"
INTRO = ("The sdkforge settings file (<spec stem>.sdkforge.yaml beside the spec). Every key is optional; "
         "an unknown key or a value of the wrong type is an error at its line.")


# ------------------------------------------------------------------ examples
def example_of(spec: Spec) -> Any:
    """A value ``spec`` accepts, made of the examples its nodes give."""
    if isinstance(spec, (Str, Bool)):
        return spec.example
    if isinstance(spec, Fields):
        return {key: example_of(sub) for key, sub in spec.fields.items()}
    if isinstance(spec, ListOf):
        return [example_of(spec.item)]
    if isinstance(spec, MapOf):
        return {spec.example_key: example_of(spec.value)}
    return spec.example


# ------------------------------------------------------------------ JSON Schema
def json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of the config file.  A key written without a value (null) is a key
    not given, as the checker reads it, except a required one."""
    defs: dict[str, Any] = {}
    body = _node(SCHEMA, "", defs, nullable=False)
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLE,
                           "description": INTRO, **body}
    if defs:
        out["$defs"] = defs
    return out


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _node(spec: Spec, name: str, defs: dict[str, Any], nullable: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    doc = getattr(spec, "doc", "")
    if doc:
        out["description"] = doc
    if isinstance(spec, Str):
        out["type"] = "string"
        if spec.choices:
            out["enum"] = [*spec.choices, None] if nullable else list(spec.choices)
    elif isinstance(spec, Bool):
        out["type"] = "boolean"
    elif isinstance(spec, Fields):
        out["type"] = "object"
        out["properties"] = {key: _node(sub, f"{name}.{key}".lstrip("."), defs, key not in spec.required)
                             for key, sub in spec.fields.items()}
        if spec.required:
            out["required"] = list(spec.required)
        out["additionalProperties"] = False
    elif isinstance(spec, ListOf):
        out["type"] = "array"
        out["items"] = _node(spec.item, name + "[]", defs)
    elif isinstance(spec, MapOf):
        out["type"] = "object"
        out["additionalProperties"] = _node(spec.value, f"{name}.{spec.key}", defs)
    else:  # a tree: one definition that refers to itself
        ref = {"$ref": f"#/$defs/{name}"}
        defs[name] = {"type": ["object", "null"],
                      "properties": {key: _node(sub, f"{name}.{key}", defs) for key, sub in spec.keys.items()},
                      "additionalProperties": {"anyOf": [_node(spec.leaf, name, defs), ref]}}
        out.update(ref)
    if isinstance(spec, (Str, Bool)):
        if spec.default is not None:
            out["default"] = spec.default
        if spec.example is not None:
            out["examples"] = [spec.example]
    elif isinstance(spec, (MapOf, Tree)):
        out["examples"] = [example_of(spec)]
    if nullable and "type" in out:
        out["type"] = [out["type"], "null"]
    return out


# ------------------------------------------------------------------ the key reference
class Row(NamedTuple):
    key: str  # dotted; <placeholders> for the user's own keys, [] for a list's items
    type: str
    default: str
    description: str


def rows(spec: Spec = SCHEMA, key: str = "") -> Iterator[Row]:
    """One row per key of the config, parents before their keys, in the schema's order."""
    if key:
        default = "—"
        if isinstance(spec, (Str, Bool)):
            if spec.default is not None:
                default = f"`{json.dumps(spec.default)}`" if isinstance(spec.default, bool) else f"`{spec.default}`"
            elif spec.derived:
                default = spec.derived
        kind = expected(spec) if not isinstance(spec, Tree) else "a mapping (a tree)"
        yield Row(key, kind, default, getattr(spec, "doc", ""))
    if isinstance(spec, Fields):
        for sub_key, sub in spec.fields.items():
            required = " Required." if sub_key in spec.required else ""
            for row in rows(sub, f"{key}.{sub_key}".lstrip(".")):
                yield row._replace(description=row.description + required) if row.key == \
                    f"{key}.{sub_key}".lstrip(".") else row
    elif isinstance(spec, ListOf):
        yield from (row for row in rows(spec.item, key + "[]") if row.key != key + "[]" or not
                    isinstance(spec.item, Fields))
    elif isinstance(spec, MapOf):
        yield from rows(spec.value, f"{key}.<{spec.key}>")
    elif isinstance(spec, Tree):
        yield Row(f"{key}.<name>", f"{expected(spec.leaf)} or a mapping", "—",
                  f"A string: a method calling that endpoint ({spec.leaf.doc}); a mapping: a resource, itself "
                  "a tree.")
        for sub_key, sub in spec.keys.items():
            yield from rows(sub, f"{key}.….{sub_key}")


def markdown() -> str:
    """The reference as a Markdown table (the README's config section holds it)."""
    lines = ["| key | type | default | description |", "| --- | --- | --- | --- |"]
    for row in rows():
        cells = (f"`{row.key}`", row.type, row.default, row.description)
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def text(width: int = 100) -> str:
    """The reference as plain text (``sdkforge config --help``)."""
    out = []
    for row in rows():
        out.append(f"  {row.key}: {row.type}" + (f" (default: {row.default.replace('`', '')})"
                                                   if row.default != "—" else ""))
        if row.description:
            out.extend(textwrap.wrap(row.description.replace("`", ""), width, initial_indent="      ",
                                     subsequent_indent="      "))
    return "\n".join(out) + "\n"
