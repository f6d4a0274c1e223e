"""Go values for generated tests: one expression per field, built from the IR
type (examples, enums, constraints) so that a mock server validating requests
against the spec accepts them.  Every string goes through the Go escaper."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...ir.model import (
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    ObjectType,
    Parameter,
    PrimitiveType,
    RefType,
    TypeNode,
    UnionType,
)
from . import escape, names
from .types import Decl, FieldView, TypeMapper

MAX_DEPTH = 5
_FORMATS = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "12:00:00",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "ipv4": "127.0.0.1",
    "hostname": "example.com",
}
_PTR_HELPERS = {"string": "String", "int64": "Int", "float64": "Float", "bool": "Bool"}


@dataclass
class Imports:
    std: set[str] = field(default_factory=set)


class Examples:
    def __init__(self, mapper: TypeMapper):
        self.mapper = mapper
        self.api = mapper.api
        self.struct_by_name: dict[str, Decl] = {}
        self.imports = Imports()

    # --------------------------------------------------------------- fields
    def struct_literal(self, decl: Decl, full: bool, depth: int = 0) -> str:
        parts = []
        for f in decl.fields:
            if not f.required and not full:
                continue
            if f.pointer and not f.required and depth > 0:
                continue
            value = self.field_value(f, full and depth == 0, depth)
            if value is None:
                continue
            parts.append(f"{f.name}: {value}")
        return f"{decl.name}{{{', '.join(parts)}}}"

    def field_value(self, f: FieldView, full: bool, depth: int) -> str | None:
        if f.node is None:
            return None
        if f.const is not None:
            return f.const
        return self.value(f.node, f.pointer, f.binary_ok, depth + 1, f.type.expr)

    def path_value(self, param: Parameter, go_type: str) -> str:
        examples = list(param.examples) + list(param.type.examples)
        for ex in examples:
            if isinstance(ex, str) and go_type == "string":
                return escape.string_literal(ex)
        return self.value(param.type, False, False, 1, go_type) or '"id"'

    # ---------------------------------------------------------------- values
    def value(self, node: TypeNode, pointer: bool, binary_ok: bool, depth: int, go_type: str) -> str:
        expr = self._value(node, binary_ok, depth, go_type)
        if not pointer:
            return expr
        return self._pointer(expr, go_type)

    def _pointer(self, expr: str, go_type: str) -> str:
        if go_type in _PTR_HELPERS:
            return f"{_PTR_HELPERS[go_type]}({expr})"
        if expr.startswith(go_type + "{"):
            return "&" + expr
        return f"Ptr[{go_type}]({expr})"

    def _value(self, node: TypeNode, binary_ok: bool, depth: int, go_type: str) -> str:
        if isinstance(node, RefType):
            decl = self.mapper.decls.get(node.name)
            if decl is None:
                return "nil"
            target = self.api.types[node.name].type
            if decl.kind == "alias":
                if depth > MAX_DEPTH + 16:  # an alias chain that comes back to itself
                    return f"*new({go_type})" if go_type else "nil"
                return self._value(target, binary_ok, depth + 1, decl.base)
            return self._decl_value(decl, target, binary_ok, depth)
        hoisted = self.mapper._hoisted.get(id(node))
        if hoisted is not None:
            return self._decl_value(hoisted, node, binary_ok, depth)
        if isinstance(node, ConstType):
            return self._scalar(node.value, go_type)
        if isinstance(node, EnumType):
            return self._scalar(node.values[0] if node.values else "", go_type)
        if isinstance(node, PrimitiveType):
            return self._primitive(node, binary_ok, go_type)
        if isinstance(node, ArrayType):
            item_type = self.mapper.go_type(node.items, "", binary_ok=binary_ok).expr
            if depth > MAX_DEPTH:
                return f"{go_type}{{}}"
            count = max(node.min_items or 1, 1)
            item = self._value(node.items, binary_ok, depth + 1, item_type)
            return f"{go_type}{{{', '.join([item] * min(count, 3))}}}"
        if isinstance(node, MapType):
            value_type = self.mapper.go_type(node.values, "").expr
            if depth > MAX_DEPTH:
                return f"{go_type}{{}}"
            return f'{go_type}{{"key": {self._value(node.values, False, depth + 1, value_type)}}}'
        return '"value"' if go_type == "any" else f"{go_type}{{}}"

    def _decl_value(self, decl: Decl, node: TypeNode, binary_ok: bool, depth: int) -> str:
        if decl.kind == "struct":
            if depth > MAX_DEPTH:
                return f"{decl.name}{{}}"
            return self.struct_literal(decl, False, depth)
        if decl.kind == "enum":
            if decl.consts:
                return decl.consts[0][0]
            return f"{decl.name}({self._scalar('value', decl.base)})"
        if decl.kind == "union":
            if not decl.variants or not isinstance(node, UnionType) or depth > MAX_DEPTH:
                return f"{decl.name}{{}}"
            variant = decl.variants[0]
            inner = self._value(node.variants[0], False, depth + 1, variant.type)
            return f"{variant.constructor}({inner})"
        if decl.kind == "defined":
            if isinstance(node, (ArrayType, MapType)):
                return self._value(node, binary_ok, depth, decl.name)
            return f"{decl.name}{{}}"
        return self._value(node, binary_ok, depth, decl.base)

    def _scalar(self, value: object, go_type: str) -> str:
        if go_type == "bool":
            return "true" if value is True else "false"
        if go_type in ("int64", "float64"):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return escape.number_literal(int(value) if go_type == "int64" else value)
            return "1"
        if go_type == "string":
            return escape.string_literal(value if isinstance(value, str) else str(value))
        return escape.string_literal(str(value)) if go_type != "any" else '"value"'

    def _primitive(self, node: PrimitiveType, binary_ok: bool, go_type: str) -> str:
        if go_type == "io.Reader":
            self.imports.std.add("strings")
            return 'strings.NewReader("file contents")'
        for ex in node.examples + ([node.default] if node.has_default else []):
            if go_type == "string" and isinstance(ex, str):
                return escape.string_literal(ex)
            if go_type == "int64" and isinstance(ex, int) and not isinstance(ex, bool) and abs(ex) < 2**62:
                return str(ex)
            if go_type == "float64" and isinstance(ex, (int, float)) and not isinstance(ex, bool):
                return escape.number_literal(float(ex))
            if go_type == "bool" and isinstance(ex, bool):
                return "true" if ex else "false"
        if go_type == "string":
            text = _FORMATS.get(node.format or "", "string")
            if node.min_length and len(text) < node.min_length:
                text = text + "x" * (node.min_length - len(text))
            if node.max_length is not None and len(text) > node.max_length:
                text = text[: node.max_length]
            return escape.string_literal(text)
        if go_type in ("int64", "float64"):
            value: float = 1
            if node.minimum is not None:
                value = node.minimum
            if node.exclusive_minimum is not None:
                value = node.exclusive_minimum + 1
            if node.maximum is not None and value > node.maximum:
                value = node.maximum
            if go_type == "int64":
                return str(max(min(int(value), 2**62), -(2**62)))
            return escape.number_literal(float(value))
        if go_type == "bool":
            return "true"
        return '"value"'


def test_func_name(namer: names.Namer, *parts: str) -> str:
    return namer.claim("Test" + "".join(parts))


__all__ = ["Examples", "ObjectType", "test_func_name"]
