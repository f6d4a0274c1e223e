"""Go literals for the generated tests: the language-neutral sample values
(``targets/common/samples.py``) spelled as Go expressions of the SDK's types.
Every string goes through the Go escaper."""

from __future__ import annotations

from typing import Any

from ...ir.model import Api, ArrayType, MapType, ObjectType, PrimitiveType, RefType, TypeNode, UnionType
from ..common.samples import FileSample, _fits
from . import escape, names
from .types import Decl, FieldView, TypeMapper

_PTR_HELPERS = {"string": "String", "int64": "Int", "float64": "Float", "bool": "Bool"}


def bytes_literal(data: bytes) -> str:
    """A Go string literal holding exactly ``data``."""
    out = []
    for byte in data:
        ch = chr(byte)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\x{byte:02x}")
    return '"' + "".join(out) + '"'


class Literals:
    """Sample values as Go expressions inside the SDK package (its tests)."""

    def __init__(self, mapper: TypeMapper):
        self.mapper = mapper
        self.api: Api = mapper.api
        self.std: set[str] = set()

    def file(self, sample: FileSample) -> str:
        self.std.add("strings")
        return f"NewFile({escape.string_literal(sample.filename)}, strings.NewReader({bytes_literal(sample.content)}))"

    # ----------------------------------------------------------------- fields
    def field(self, f: FieldView, value: Any) -> str | None:
        """``value`` for the struct field ``f``; None when it is left out (nil)."""
        if value is None:
            return None
        expr = self.value(f.node if f.node is not None else _ANY, value, f.type.expr)
        if not f.pointer:
            return expr
        return self.pointer(expr, f.type.expr)

    @staticmethod
    def pointer(expr: str, go_type: str) -> str:
        if go_type in _PTR_HELPERS:
            return f"{_PTR_HELPERS[go_type]}({expr})"
        if expr.startswith(go_type + "{"):
            return "&" + expr
        return f"Ptr[{go_type}]({expr})"

    def struct(self, decl: Decl, value: dict[str, Any], depth: int) -> str:
        parts = []
        for key, item in value.items():
            f = next((f for f in decl.fields if f.wire == key and f.location == "body"), None)
            if f is None or f.const is not None or item is None:
                continue
            expr = self.value(f.node if f.node is not None else _ANY, item, f.type.expr, depth + 1)
            parts.append(f"{f.name}: {self.pointer(expr, f.type.expr) if f.pointer else expr}")
        return f"{decl.name}{{{', '.join(parts)}}}"

    # ----------------------------------------------------------------- values
    def _decl(self, node: TypeNode) -> Decl | None:
        if isinstance(node, RefType):
            return self.mapper.decls.get(node.name)
        return self.mapper._hoisted.get(id(node))

    def value(self, node: TypeNode, value: Any, go_type: str, depth: int = 0) -> str:
        union = self._decl(node)
        if isinstance(value, FileSample) and union is not None and union.kind == "union" and union.variants:
            # a file where a union of a file and other things goes (OpenAI's image: a file or a list)
            target = self.api.types[node.name].type if isinstance(node, RefType) else node
            variants = target.variants if isinstance(target, UnionType) else []
            for variant_node, variant in zip(variants, union.variants):
                resolved = self.api.resolve(variant_node)
                if isinstance(resolved, PrimitiveType) and resolved.is_binary:
                    return f"{variant.constructor}({self.value(variant_node, value, variant.type, depth + 1)})"
        if isinstance(value, FileSample):
            if go_type in ("io.Reader", "any"):
                return self.file(value)
            return bytes_literal(value.content) if go_type == "string" else self.file(value)
        if depth > 40:
            return f"*new({go_type})"
        decl = self._decl(node)
        if decl is not None:
            target = self.api.types[node.name].type if isinstance(node, RefType) else node
            if decl.kind == "struct" and isinstance(value, dict):
                return self.struct(decl, value, depth)
            if decl.kind == "enum":
                wanted = self.scalar(value, decl.base)
                for const_name, literal, _doc in decl.consts:
                    if literal == wanted:
                        return const_name
                return f"{decl.name}({wanted})"
            if decl.kind == "union" and isinstance(target, UnionType) and decl.variants:
                index = next((i for i, v in enumerate(target.variants) if _fits(value, v, self.api)), 0)
                index = min(index, len(decl.variants) - 1)
                variant = decl.variants[index]
                inner = self.value(target.variants[index], value, variant.type, depth + 1)
                return f"{variant.constructor}({inner})"
            if decl.kind == "defined" and isinstance(target, (ArrayType, MapType)):
                return self.collection(target, value, decl.name, decl.base, depth)
            if decl.kind == "alias" and target is not node:
                return self.value(target, value, decl.base or go_type, depth + 1)
        resolved = self.api.resolve(node)
        if isinstance(resolved, (ArrayType, MapType)) and go_type.startswith(("[]", "map[")):
            return self.collection(resolved, value, go_type, go_type, depth)
        if value is None:
            return "nil"
        if go_type == "any" or isinstance(value, (list, dict)):
            return self.plain(value)
        return self.scalar(value, go_type)

    def collection(self, node: ArrayType | MapType, value: Any, head: str, base: str, depth: int) -> str:
        if "io.Reader" in head:  # a list of files (a union's file-list variant): []io.Reader{...}
            self.std.add("io")
        if isinstance(node, ArrayType) and isinstance(value, list) and base.startswith("[]"):
            item = base[2:]
            return f"{head}{{{', '.join(self.value(node.items, v, item, depth + 1) for v in value)}}}"
        if isinstance(node, MapType) and isinstance(value, dict) and base.startswith("map[string]"):
            item = base[len("map[string]"):]
            inner = ", ".join(f"{escape.string_literal(k)}: {self.value(node.values, v, item, depth + 1)}"
                              for k, v in value.items())
            return f"{head}{{{inner}}}"
        return f"{head}{{}}"

    def plain(self, value: Any) -> str:
        """A JSON value as an ``any`` expression."""
        if value is None:
            return "nil"
        if isinstance(value, FileSample):
            return self.file(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return escape.number_literal(value)
        if isinstance(value, list):
            return f"[]any{{{', '.join(self.plain(v) for v in value)}}}"
        if isinstance(value, dict):
            inner = ", ".join(f"{escape.string_literal(k)}: {self.plain(v)}" for k, v in value.items())
            return f"map[string]any{{{inner}}}"
        return escape.string_literal(str(value))

    @staticmethod
    def scalar(value: Any, go_type: str) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            if go_type == "float64":
                return escape.number_literal(float(value))
            if go_type == "string":
                return escape.string_literal(escape.number_literal(value))
            return escape.number_literal(value)
        if isinstance(value, (list, dict)):
            return escape.string_literal(escape.json_value(value))
        return escape.string_literal(str(value))


_ANY = PrimitiveType(primitive="any")


def test_func_name(namer: names.Namer, *parts: str) -> str:
    return namer.claim("Test" + "".join(parts))


__all__ = ["Literals", "ObjectType", "bytes_literal", "test_func_name"]
