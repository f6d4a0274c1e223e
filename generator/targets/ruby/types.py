"""Ruby type mapping: where each IR type lives in the generated Ruby namespace
tree, and how a type is written as a runtime descriptor, a YARD type and an
RBS type.

Named types (components and hoisted inline objects) become classes (objects),
modules (enums, unions) or constants (anything else: arrays, maps, primitives,
aliases).  Inline enums and unions found in properties and union variants get
their own nested module (``Upload::Status``).  A type whose name parts extend
another container's (``("CreateUploadRequest", "expires_after")``) is nested
in it (``CreateUploadRequest::ExpiresAfter``); otherwise it is flattened into
``Models`` (``CreateUploadBody``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..common.variants import variant_words
from ...ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    NamedType,
    ObjectType,
    PrimitiveType,
    RefType,
    TypeNode,
    UnionType,
)
from . import escape, names

RBS_KEYWORDS = frozenset(
    ["alias", "attr_accessor", "attr_reader", "attr_writer", "bool", "bot", "class", "def", "end", "extend", "false", "include", "instance", "interface", "module", "nil", "out", "prepend", "private", "public", "self", "singleton", "super", "top", "true", "type", "unchecked", "untyped", "void", "in", "use", "as"]
)


@dataclass(eq=False)
class Container:
    """A class, module or constant inside ``<Mod>::Models``."""

    kind: str  # model | enum | union | alias
    path: tuple[str, ...]
    node: TypeNode
    named: NamedType | None = None
    parent: Container | None = None
    name: str = ""
    qualified: str = ""
    children: list[Container] = field(default_factory=list)
    origin_order: int = 0
    origin: str = ""  # the named IR type it declares ("" for inline ones)

    @property
    def is_namespace(self) -> bool:
        return self.kind in ("model", "union")

    def walk(self) -> Iterator[Container]:
        yield self
        for child in self.children:
            yield from child.walk()




class TypeMap:
    """Places every named and inline container and maps type nodes to Ruby."""

    def __init__(self, api: Api, mod: str):
        self.api = api
        self.mod = mod
        self.models_ns = f"{mod}::Models"
        self.type_ns = f"{mod}::Internal::Type"
        self.containers: list[Container] = []
        self.by_path: dict[tuple[str, ...], Container] = {}
        self.by_named: dict[str, Container] = {}
        self.inline: dict[int, Container] = {}
        self._build()

    # ------------------------------------------------------------ placement
    def _register(self, container: Container) -> None:
        container.origin_order = len(self.containers)
        self.containers.append(container)
        self.by_path.setdefault(container.path, container)

    def _walk_inline(self, node: TypeNode, path: tuple[str, ...]) -> None:
        if isinstance(node, EnumType):
            c = Container("enum", path, node)
            self._register(c)
            self.inline[id(node)] = c
        elif isinstance(node, UnionType):
            c = Container("union", path, node)
            self._register(c)
            self.inline[id(node)] = c
            for variant, word in zip(node.variants, variant_words(node.variants)):
                self._walk_inline(variant, path + (word,))
        elif isinstance(node, ArrayType):
            self._walk_inline(node.items, path)
        elif isinstance(node, MapType):
            self._walk_inline(node.values, path)

    def _build(self) -> None:
        named_list: list[Container] = []
        for key, named in self.api.types.items():
            node = named.type
            path = tuple(str(p) for p in (named.name_parts or (named.name,)))
            if isinstance(node, ObjectType):
                kind = "model"
            elif isinstance(node, EnumType):
                kind = "enum"
            elif isinstance(node, UnionType):
                kind = "union"
            else:
                kind = "alias"
            c = Container(kind, path, node, named=named, origin=key)
            self._register(c)
            self.by_named[key] = c
            named_list.append(c)
            if isinstance(node, ObjectType):
                for prop in node.properties:
                    self._walk_inline(prop.type, path + (prop.name,))
                if isinstance(node.additional, TypeNode):
                    self._walk_inline(node.additional, path + ("additional",))
            elif isinstance(node, UnionType):
                for variant, word in zip(node.variants, variant_words(node.variants)):
                    self._walk_inline(variant, path + (word,))
            elif isinstance(node, (ArrayType, MapType)):
                self._walk_inline(node, path + ("Item",))
        # parents: the nearest registered namespace whose path is a proper prefix
        for c in self.containers:
            for cut in range(len(c.path) - 1, 0, -1):
                candidate = self.by_path.get(c.path[:cut])
                if candidate is not None and candidate is not c and candidate.is_namespace \
                        and not self._is_descendant(candidate, c):
                    c.parent = candidate
                    break
        top_reserved = names.CONST_RESERVED | {self.mod}
        top = names.Namer(top_reserved)
        scopes: dict[int, names.Namer] = {}
        # components claim top-level names first (spec order), then the rest
        ordered = sorted(self.containers, key=lambda c: (0 if c.named is not None and c.named.origin == "component"
                                                        else 1, c.origin_order))
        for c in ordered:
            if c.parent is None:
                c.name = top.claim(names.const_ident(c.path, top_reserved))
        for c in self.containers:
            if c.parent is not None:
                scope = scopes.setdefault(id(c.parent), names.Namer(names.CONST_RESERVED | {self.mod}))
                rest = c.path[len(c.parent.path):]
                c.name = scope.claim(names.const_ident(rest, names.CONST_RESERVED | {self.mod}))
                c.parent.children.append(c)
        for c in self.containers:
            c.qualified = self._qualify(c)

    @staticmethod
    def _is_descendant(candidate: Container, c: Container) -> bool:
        node: Container | None = candidate
        seen = 0
        while node is not None and seen < 1000:
            if node is c:
                return True
            node = node.parent
            seen += 1
        return False

    def _qualify(self, c: Container) -> str:
        parts = []
        node: Container | None = c
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return f"{self.models_ns}::" + "::".join(reversed(parts))

    def top_level(self) -> list[Container]:
        return [c for c in self.containers if c.parent is None]

    # ------------------------------------------------------------- lookups
    def container_for(self, node: TypeNode) -> Container | None:
        if isinstance(node, RefType):
            return self.by_named.get(node.name)
        return self.inline.get(id(node))

    def resolve(self, node: TypeNode) -> TypeNode:
        return self.api.resolve(node)

    def model_of(self, node: TypeNode) -> Container | None:
        """The model container a (ref to an) object type maps to."""
        seen = 0
        while isinstance(node, RefType) and seen < 50:
            c = self.by_named.get(node.name)
            if c is None:
                return None
            if c.kind == "model":
                return c
            node = c.node
            seen += 1
        return None

    # ---------------------------------------------------------- descriptors
    def descriptor(self, node: TypeNode, lazy: bool = True) -> str:
        """A runtime type descriptor expression (see ``Internal::Type``)."""
        t = self.type_ns
        c = self.container_for(node)
        if c is not None:
            return f"-> {{ {c.qualified} }}" if lazy else c.qualified
        if isinstance(node, RefType):
            return f"{t}::Unknown"
        if isinstance(node, PrimitiveType):
            return {
                "string": "String",
                "integer": "Integer",
                "number": "Float",
                "boolean": f"{t}::Boolean",
            }.get(node.primitive, f"{t}::Unknown")
        if isinstance(node, ConstType):
            if isinstance(node.value, str):
                return f"{t}::Const[{escape.symbol_literal(node.value)}]"
            return f"{t}::Unknown"
        if isinstance(node, ArrayType):
            return f"{t}::ArrayOf[{self.descriptor(node.items)}]"
        if isinstance(node, MapType):
            return f"{t}::HashOf[{self.descriptor(node.values)}]"
        if isinstance(node, ObjectType):
            return f"{t}::HashOf[{t}::Unknown]"
        return f"{t}::Unknown"

    # ------------------------------------------------------------ YARD type
    def doc_type(self, node: TypeNode, depth: int = 0) -> str:
        text = self._doc_type(node, depth)
        if node.nullable and "nil" not in text.split(", "):
            text += ", nil"
        return text

    def _doc_type(self, node: TypeNode, depth: int) -> str:
        c = self.container_for(node)
        if c is not None:
            if c.kind == "model":
                return c.qualified
            if c.kind == "enum":
                return "Symbol" if self._enum_is_string(c.node) else "Object"
            if c.kind == "alias" and depth < 4:
                return self._doc_type(c.node, depth + 1)
            if c.kind == "union" and depth < 4 and isinstance(c.node, UnionType):
                return ", ".join(dict.fromkeys(self._doc_type(v, depth + 1) for v in c.node.variants))
            return "Object"
        if isinstance(node, PrimitiveType):
            return {"string": "String", "integer": "Integer", "number": "Float", "boolean": "Boolean",
                    "null": "nil"}.get(node.primitive, "Object")
        if isinstance(node, ConstType):
            return "Symbol" if isinstance(node.value, str) else "Object"
        if isinstance(node, ArrayType):
            return f"Array<{self._doc_type(node.items, depth + 1)}>"
        if isinstance(node, MapType):
            return f"Hash{{Symbol=>{self._doc_type(node.values, depth + 1)}}}"
        return "Object"

    @staticmethod
    def _enum_is_string(node: TypeNode) -> bool:
        return isinstance(node, EnumType) and all(isinstance(v, str) for v in node.values)

    # -------------------------------------------------------------- RBS type
    def rbs(self, node: TypeNode, input: bool = False, depth: int = 0) -> str:
        text = self._rbs(node, input, depth)
        if node.nullable and text not in ("untyped", "nil") and not text.endswith("?"):
            if " | " in text and not (text.startswith("(") and text.endswith(")")):
                text = f"({text})"
            text += "?"
        return text

    def _rbs(self, node: TypeNode, input: bool, depth: int) -> str:
        if depth > 6:
            return "untyped"
        c = self.container_for(node)
        if c is not None:
            if c.kind == "model":
                return f"({c.qualified} | ::Hash[Symbol, untyped])" if input else c.qualified
            if c.kind == "enum":
                if self._enum_is_string(c.node):
                    return "(Symbol | String)" if input else "Symbol"
                return "untyped"
            if c.kind == "alias":
                return self.rbs(c.node, input, depth + 1)
            if c.kind == "union" and isinstance(c.node, UnionType):
                parts = list(dict.fromkeys(self.rbs(v, input, depth + 1) for v in c.node.variants))
                if "untyped" in parts:
                    return "untyped"
                return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
            return "untyped"
        if isinstance(node, PrimitiveType):
            if node.is_binary and input:
                return "untyped"
            return {"string": "String", "integer": "Integer", "number": "Float", "boolean": "bool",
                    "null": "nil"}.get(node.primitive, "untyped")
        if isinstance(node, ConstType):
            if isinstance(node.value, str):
                return "(Symbol | String)" if input else "Symbol"
            return "untyped"
        if isinstance(node, ArrayType):
            return f"::Array[{self.rbs(node.items, input, depth + 1)}]"
        if isinstance(node, MapType):
            return f"::Hash[Symbol, {self.rbs(node.values, input, depth + 1)}]"
        if isinstance(node, EnumType):
            return "Symbol" if self._enum_is_string(node) else "untyped"
        return "untyped"


def rbs_method_name(name: str) -> str:
    return f"`{name}`" if name in RBS_KEYWORDS else name


def rbs_param_name(name: str) -> str:
    """A positional parameter name in RBS (omitted when it could be misread)."""
    if name in RBS_KEYWORDS or not names.is_plain_ident(name) or name.startswith("_"):
        return ""
    return " " + name


def any_value(value: Any) -> str:
    return escape.literal(value)
