"""Go type mapping and declarations (the model side of the Go symbol provider).

Every IR named type becomes one Go declaration; inline enums and unions met
while typing fields are hoisted into their own named declarations, named after
their owner and position.  Names come from one package-level :class:`Namer`,
claimed in a fixed order, so output is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..common.graph import component_of
from ..common.variants import variant_word
from ...ir.model import (
    Api,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    ObjectType,
    PrimitiveType,
    RefType,
    TypeNode,
    UnionType,
)
from . import escape, names


@dataclass
class GoType:
    expr: str
    kind: str  # "struct" (object or union struct), "nilable" (slice, map, interface), "scalar"
    struct: str | None = None  # Go name of an object struct (for value-embedding cycles)
    is_reader: bool = False


@dataclass
class FieldView:
    name: str
    wire: str
    type: GoType
    required: bool
    nullable: bool
    doc: list[str]
    pointer: bool = False
    omitempty: bool = False
    location: str = "body"  # body | query | header
    const: str | None = None  # Go literal of a required string const
    explode: bool = True
    node: TypeNode | None = None  # the IR type, for generated test values
    binary_ok: bool = False

    @property
    def type_expr(self) -> str:
        return ("*" if self.pointer else "") + self.type.expr

    @property
    def odd(self) -> bool:
        return self.location == "body" and not escape.json_tag_name_ok(self.wire)

    @property
    def tag(self) -> str:
        if self.location != "body":
            return '`json:"-"`'
        return escape.json_tag(self.wire, self.omitempty)

    @property
    def wire_literal(self) -> str:
        return escape.string_literal(self.wire)


@dataclass
class Decl:
    kind: str  # struct | enum | union | defined | alias
    name: str
    origin: str = ""  # the named IR type it declares ("" for hoisted and per-method ones)
    doc: list[str] = field(default_factory=list)
    # struct
    fields: list[FieldView] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    is_params: bool = False
    # enum: (const name, literal, doc lines)
    consts: list[tuple[str, str, list[str]]] = field(default_factory=list)
    const_lines: list[str] = field(default_factory=list)
    base: str = ""  # enum base type / defined type / alias target
    # union
    variants: list["VariantView"] = field(default_factory=list)
    discriminator: str | None = None  # Go literal of the property name
    disc_cases: list[tuple[str, str]] = field(default_factory=list)  # (case literals, accessor)
    holds_values: bool = False  # a variant is a file: the union keeps the value its constructor got
    children: list["Decl"] = field(default_factory=list)

    @property
    def odd_fields(self) -> list[FieldView]:
        return [f for f in self.fields if f.odd]

    @property
    def const_fields(self) -> list[FieldView]:
        return [f for f in self.fields if f.const is not None and not f.odd and not f.pointer]

    @property
    def needs_marshal(self) -> bool:
        return bool(self.odd_fields or self.const_fields)

    @property
    def odd_literals(self) -> str:
        return ", ".join(f.wire_literal for f in self.odd_fields)


@dataclass
class VariantView:
    accessor: str
    constructor: str
    type: str
    doc: str
    held: bool = False  # a file (or files): no JSON, the union keeps the value given (multipart sends it)


def align(rows: list[list[str] | str]) -> list[str]:
    """Lay out rows the way gofmt's tabwriter does: a row is a list of cells
    (all but the last padded to their column's width + 1 within a run of
    consecutive rows) or a plain string (a comment or blank line, which ends
    the run)."""
    out: list[str] = []
    run: list[list[str]] = []

    def flush() -> None:
        if not run:
            return
        widths: dict[int, int] = {}
        for cells in run:
            for i, cell in enumerate(cells[:-1]):
                widths[i] = max(widths.get(i, 0), len(cell))
        for cells in run:
            text = "".join(cell.ljust(widths[i] + 1) for i, cell in enumerate(cells[:-1])) + cells[-1]
            out.append(text.rstrip())
        run.clear()

    for row in rows:
        if isinstance(row, str):
            flush()
            out.append(row)
        else:
            run.append(row)
    flush()
    return out


def comment_rows(lines: list[str]) -> list[str]:
    return [f"// {line}" if line else "//" for line in lines]


def deprecation(doc: list[str], deprecated: bool) -> list[str]:
    if not deprecated:
        return doc
    return doc + ([""] if doc else []) + ["Deprecated: deprecated in the API."]


PRIMITIVES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


class TypeMapper:
    def __init__(self, api: Api, namer: names.Namer):
        self.api = api
        self.namer = namer
        self.decls: dict[str, Decl] = {}  # IR name -> declaration
        self.order: list[Decl] = []
        self._hoisted: dict[int, Decl] = {}
        self._alias_kind: dict[str, GoType] = {}
        self._owner_children: list[Decl] | None = None

    # ---------------------------------------------------------------- names
    def claim_named(self) -> None:
        for name, named in self.api.types.items():
            parts = named.name_parts or (name,)
            wanted = names.type_name(parts)
            if self.namer.taken(wanted) and not self.namer.taken(wanted + "Model"):
                wanted += "Model"  # e.g. a schema called Error next to the runtime's Error
            decl = Decl(kind=self._decl_kind(named.type), name=self.namer.claim(wanted), origin=name)
            self.decls[name] = decl

    @staticmethod
    def _decl_kind(node: TypeNode) -> str:
        if isinstance(node, ObjectType):
            return "struct"
        if isinstance(node, EnumType):
            return "enum" if node.primitive in PRIMITIVES else "alias"
        if isinstance(node, UnionType):
            return "union"
        if isinstance(node, (ArrayType, MapType)):
            return "defined"
        return "alias"

    # -------------------------------------------------------------- mapping
    def named_kind(self, ir_name: str, depth: int = 0) -> GoType:
        decl = self.decls[ir_name]
        if decl.kind == "struct":
            return GoType(decl.name, "struct", struct=decl.name)
        if decl.kind == "union":
            return GoType(decl.name, "struct")
        if decl.kind == "enum":
            return GoType(decl.name, "scalar")
        if decl.kind == "defined":
            return GoType(decl.name, "nilable")
        # alias: the kind of what it stands for
        if ir_name in self._alias_kind:
            target = self._alias_kind[ir_name]
            return GoType(decl.name, target.kind, struct=target.struct, is_reader=target.is_reader)
        node = self.api.types[ir_name].type
        if depth > 50:
            return GoType(decl.name, "nilable")
        if isinstance(node, RefType) and node.name in self.decls:
            target = self.named_kind(node.name, depth + 1)
        else:
            target = self.go_type(node, decl.name, hoist=False)
        self._alias_kind[ir_name] = target
        return GoType(decl.name, target.kind, struct=target.struct)

    def go_type(self, node: TypeNode, hint: str, *, binary_ok: bool = False, hoist: bool = True) -> GoType:
        if isinstance(node, RefType):
            if node.name in self.decls:
                return self.named_kind(node.name)
            return GoType("any", "nilable")
        if isinstance(node, PrimitiveType):
            if node.is_binary and binary_ok:
                return GoType("io.Reader", "nilable", is_reader=True)
            if node.primitive in PRIMITIVES:
                return GoType(PRIMITIVES[node.primitive], "scalar")
            return GoType("any", "nilable")
        if isinstance(node, ConstType):
            if node.primitive in PRIMITIVES:
                return GoType(PRIMITIVES[node.primitive], "scalar")
            return GoType("any", "nilable")
        if isinstance(node, EnumType):
            if node.primitive not in PRIMITIVES:
                return GoType("any", "nilable")
            if not hoist:
                return GoType(PRIMITIVES[node.primitive], "scalar")
            return GoType(self._hoist(node, hint, "enum").name, "scalar")
        if isinstance(node, ArrayType):
            inner = self.go_type(node.items, hint, binary_ok=binary_ok, hoist=hoist)
            return GoType("[]" + inner.expr, "nilable", is_reader=inner.is_reader)
        if isinstance(node, MapType):
            inner = self.go_type(node.values, hint, hoist=hoist)
            return GoType("map[string]" + inner.expr, "nilable")
        if isinstance(node, UnionType):
            if not hoist:
                return GoType("any", "nilable")
            return GoType(self._hoist(node, hint, "union").name, "struct")
        if isinstance(node, ObjectType):
            if not hoist:
                return GoType("map[string]any", "nilable")
            decl = self._hoist(node, hint, "struct")
            return GoType(decl.name, "struct", struct=decl.name)
        return GoType("any", "nilable")

    def _hoist(self, node: TypeNode, hint: str, kind: str) -> Decl:
        existing = self._hoisted.get(id(node))
        if existing is not None:
            return existing
        decl = Decl(kind=kind, name=self.namer.claim(hint))
        self._hoisted[id(node)] = decl
        if self._owner_children is not None:
            self._owner_children.append(decl)
        else:
            self.order.append(decl)
        self._fill(decl, node)
        return decl

    # ---------------------------------------------------------------- decls
    def build_all(self) -> None:
        for ir_name, named in self.api.types.items():
            decl = self.decls[ir_name]
            self.order.append(decl)
            previous, self._owner_children = self._owner_children, decl.children
            try:
                self._fill(decl, named.type)
            finally:
                self._owner_children = previous

    def build_owned(self, decl: Decl, fill: Any) -> None:
        """Run ``fill`` with hoisted declarations going to ``decl.children``."""
        previous, self._owner_children = self._owner_children, decl.children
        try:
            fill()
        finally:
            self._owner_children = previous

    def _fill(self, decl: Decl, node: TypeNode) -> None:
        decl.doc = deprecation(escape.doc_lines(node.description or node.title), node.deprecated)
        if decl.kind == "struct" and isinstance(node, ObjectType):
            decl.fields = self.object_fields(node, decl.name)
        elif decl.kind == "struct":
            decl.kind = "defined"
            decl.base = "map[string]any"
        elif decl.kind == "enum" and isinstance(node, EnumType):
            self._fill_enum(decl, node)
        elif decl.kind == "union" and isinstance(node, UnionType):
            self._fill_union(decl, node)
        elif decl.kind == "defined":
            suffix = "Item" if isinstance(node, ArrayType) else "Value"
            if isinstance(node, ArrayType):
                decl.base = "[]" + self.go_type(node.items, decl.name + suffix).expr
            elif isinstance(node, MapType):
                decl.base = "map[string]" + self.go_type(node.values, decl.name + suffix).expr
            else:
                decl.base = self.go_type(node, decl.name + suffix).expr
        else:  # alias
            if isinstance(node, RefType) and node.name in self.decls:
                target = self.decls[node.name].name
                decl.base = target if target != decl.name else "any"
            else:
                decl.base = self.go_type(node, decl.name, hoist=False).expr

    def object_fields(self, node: ObjectType, owner: str, *, binary_ok: bool = False,
                      namer: names.Namer | None = None) -> list[FieldView]:
        namer = namer or names.Namer(names.STRUCT_METHODS)
        out: list[FieldView] = []
        for prop in node.properties:
            go_name = namer.claim(names.exported(prop.name, "Field"))
            ftype = self.go_type(prop.type, owner + go_name, binary_ok=binary_ok)
            resolved = self.api.resolve(prop.type)
            const = None
            if isinstance(resolved, ConstType) and isinstance(resolved.value, str) and prop.required:
                const = escape.string_literal(resolved.value)
            doc = escape.doc_lines(prop.description or prop.type.description)
            f = self.make_field(go_name, prop.name, ftype, prop.required, prop.nullable,
                                deprecation(doc, prop.deprecated), const=const)
            f.node, f.binary_ok = prop.type, binary_ok
            out.append(f)
        return out

    @staticmethod
    def make_field(go_name: str, wire: str, ftype: GoType, required: bool, nullable: bool, doc: list[str],
                   *, location: str = "body", const: str | None = None) -> FieldView:
        f = FieldView(name=go_name, wire=wire, type=ftype, required=required, nullable=nullable, doc=doc,
                      location=location, const=const)
        if required and not nullable:
            f.pointer = False
            f.omitempty = False
        elif ftype.kind == "nilable":
            f.pointer = False
            f.omitempty = not required
        else:
            f.pointer = True
            f.omitempty = not required
        return f

    def _fill_enum(self, decl: Decl, node: EnumType) -> None:
        base = PRIMITIVES[node.primitive]
        decl.base = base
        rows: list[list[str] | str] = []
        for value in node.values:
            if base == "string":
                literal = escape.string_literal(value)
            elif base == "bool":
                if not isinstance(value, bool):
                    continue
                literal = "true" if value else "false"
            elif base == "int64":
                if not isinstance(value, int) or isinstance(value, bool):
                    continue
                literal = str(value)
            else:
                if not isinstance(value, (int, float)) or isinstance(value, bool):
                    continue
                literal = escape.number_literal(value)
            label = names.exported(str(value).replace(".", "_"), "Empty") if base != "bool" else str(value).title()
            if label.startswith("N") and base != "string" and str(value)[:1].isdigit():
                label = label[1:]
            cname = self.namer.claim(decl.name + label)
            vdoc = escape.doc_lines(node.value_descriptions.get(str(value)))
            decl.consts.append((cname, literal, vdoc))
            rows.extend(comment_rows(vdoc))
            rows.append([cname, decl.name, f"= {literal}"])
        decl.const_lines = align(rows)

    def _fill_union(self, decl: Decl, node: UnionType) -> None:
        methods = names.Namer({"RawJSON", "MarshalJSON", "UnmarshalJSON", "Discriminator", "AsAny"})
        by_variant: dict[int, str] = {}
        for index, variant in enumerate(node.variants):
            # a file variant (OpenAI's image: a file or a list of files) is an io.Reader the union
            # holds as given, for a multipart body to send as a file
            held = self._is_file(variant)
            label = self._variant_label(variant, index) if not held else (
                "FileArray" if isinstance(self.api.resolve(variant), ArrayType) else "File")
            gtype = self.go_type(variant, decl.name + label, binary_ok=held)
            accessor = methods.claim("As" + label)
            constructor = self.namer.claim(decl.name + "Of" + label)
            by_variant[id(variant)] = accessor
            if isinstance(variant, RefType):
                by_variant.setdefault(hash(("ref", variant.name)), accessor)
            decl.variants.append(VariantView(accessor=accessor, constructor=constructor, type=gtype.expr,
                                             doc=escape.comment_text(gtype.expr), held=held))
            decl.holds_values = decl.holds_values or held
        disc = node.discriminator
        if disc is not None:
            decl.discriminator = escape.string_literal(disc.property)
            cases: dict[str, list[str]] = {}
            for value, target in sorted(disc.mapping.items()):
                accessor = by_variant.get(id(target))
                if accessor is None and isinstance(target, RefType):
                    accessor = by_variant.get(hash(("ref", target.name)))
                if accessor is None:
                    continue
                cases.setdefault(accessor, []).append(escape.string_literal(value))
            decl.disc_cases = [(", ".join(values), accessor) for accessor, values in cases.items()]

    def _is_file(self, node: TypeNode) -> bool:
        resolved = self.api.resolve(node)
        if isinstance(resolved, ArrayType):
            resolved = self.api.resolve(resolved.items)
        return isinstance(resolved, PrimitiveType) and resolved.is_binary

    def _variant_label(self, node: TypeNode, index: int) -> str:
        if isinstance(node, RefType) and node.name in self.decls:
            return self.decls[node.name].name
        if isinstance(node, (PrimitiveType, ConstType)):
            prim = node.primitive
            return {"string": "String", "integer": "Int", "number": "Float", "boolean": "Bool"}.get(prim, "Any")
        if isinstance(node, ArrayType):
            return self._variant_label(node.items, index) + "Array"
        if isinstance(node, MapType):
            return self._variant_label(node.values, index) + "Map"
        if isinstance(node, EnumType):
            return names.exported(node.title or "", "") or "Enum"
        return names.exported(node.title or "", "") or variant_word(node)


def struct_lines(fields: list[FieldView]) -> list[str]:
    rows: list[list[str] | str] = []
    for f in fields:
        rows.extend(comment_rows(f.doc))
        rows.append([f.name, f.type_expr, f.tag])
    return align(rows)


def value_cycles(decls: list[Decl]) -> set[tuple[str, str]]:
    """Edges (owner, field) whose value embedding would make a struct contain
    itself: those fields become pointers (the cycles of the graph of value edges)."""
    graph: dict[str, list[tuple[str, str]]] = {}
    for decl in decls:
        if decl.kind != "struct":
            continue
        edges = graph.setdefault(decl.name, [])
        for f in decl.fields:
            if not f.pointer and f.type.struct:
                edges.append((f.type.struct, f.name))
    component = component_of(sorted(graph), {owner: [t for t, _ in edges] for owner, edges in graph.items()})
    return {(owner, fname) for owner, edges in graph.items() for target, fname in edges
            if component.get(target) == component[owner]}
