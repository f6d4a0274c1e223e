"""IR types -> Python annotations, for response models and for request params."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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
from .escape import literal

Mode = Literal["model", "param"]

_PRIMS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None", "any": "object"}


@dataclass
class TypeContext:
    """Resolves named types to class names and records what a module must import."""

    api: Api
    class_of: dict[str, str]  # IR type name -> model class name
    param_class_of: dict[str, str]  # IR type name -> param TypedDict/alias name
    module_of: dict[str, str]  # IR type name -> module (types/<module>.py)
    param_module_of: dict[str, str]
    typing: set[str] = field(default_factory=set)
    refs: set[str] = field(default_factory=set)  # IR names used (model mode)
    param_refs: set[str] = field(default_factory=set)
    needs: set[str] = field(default_factory=set)  # runtime helpers: FileTypes, SequenceNotStr, PropertyInfo

    def fork(self) -> "TypeContext":
        return TypeContext(self.api, self.class_of, self.param_class_of, self.module_of, self.param_module_of)


def _literal_ok(value: object) -> bool:
    return isinstance(value, (str, int, bool)) or value is None


def annotation(node: TypeNode, ctx: TypeContext, mode: Mode, *, optional: bool = True) -> str:
    text = _bare(node, ctx, mode)
    if node.nullable and optional and text != "None" and text != "object":
        ctx.typing.add("Optional")
        return f"Optional[{text}]"
    return text


def _bare(node: TypeNode, ctx: TypeContext, mode: Mode) -> str:
    if isinstance(node, RefType):
        if mode == "param" and node.name in ctx.param_class_of:
            ctx.param_refs.add(node.name)
            return ctx.param_class_of[node.name]
        if node.name in ctx.class_of:
            ctx.refs.add(node.name)
            return ctx.class_of[node.name]
        return "object"
    if isinstance(node, PrimitiveType):
        if node.is_binary and mode == "param":
            ctx.needs.add("FileTypes")
            return "FileTypes"
        return _PRIMS.get(node.primitive, "object")
    if isinstance(node, EnumType):
        values = [v for v in node.values if _literal_ok(v)]
        if not values or len(values) != len(node.values):
            return _PRIMS.get(node.primitive, "object")
        ctx.typing.add("Literal")
        return "Literal[" + ", ".join(literal(v) for v in values) + "]"
    if isinstance(node, ConstType):
        if _literal_ok(node.value):
            ctx.typing.add("Literal")
            return f"Literal[{literal(node.value)}]"
        return "object"
    if isinstance(node, ArrayType):
        inner = annotation(node.items, ctx, mode)
        if mode == "param":
            if inner == "str":
                ctx.needs.add("SequenceNotStr")
                return "SequenceNotStr[str]"
            ctx.typing.add("Iterable")
            return f"Iterable[{inner}]"
        ctx.typing.add("List")
        return f"List[{inner}]"
    if isinstance(node, MapType):
        ctx.typing.add("Dict")
        return f"Dict[str, {annotation(node.values, ctx, mode)}]"
    if isinstance(node, ObjectType):
        ctx.typing.add("Dict")
        return "Dict[str, object]"
    if isinstance(node, UnionType):
        parts: list[str] = []
        for variant in node.variants:
            text = annotation(variant, ctx, mode)
            if text not in parts:
                parts.append(text)
        if "object" in parts:
            return "object"
        if len(parts) == 1:
            return parts[0]
        ctx.typing.add("Union")
        union = "Union[" + ", ".join(parts) + "]"
        if mode == "model" and node.discriminator and all(isinstance(v, RefType) for v in node.variants):
            ctx.typing.add("Annotated")
            ctx.needs.add("PropertyInfo")
            info = f"discriminator={literal(node.discriminator.property)}"
            mapping = _class_mapping(node, ctx)
            if mapping:
                info += ", mapping={" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in mapping) + "}"
            return f"Annotated[{union}, PropertyInfo({info})]"
        return union
    return "object"


def is_file_like(node: TypeNode, api: Api) -> bool:
    node = api.resolve(node)
    if isinstance(node, PrimitiveType):
        return node.is_binary
    if isinstance(node, ArrayType):
        return is_file_like(node.items, api)
    return False


def _class_mapping(node: UnionType, ctx: TypeContext) -> list[tuple[str, str]]:
    """Discriminator values (wire value -> class name) that the variants' own literal fields
    do not already tell apart (e.g. a mapping onto variants whose property is a plain string)."""
    assert node.discriminator is not None
    out: list[tuple[str, str]] = []
    for value, variant in node.discriminator.mapping.items():
        if not isinstance(variant, RefType) or variant.name not in ctx.class_of:
            continue
        target = ctx.api.resolve(variant)
        prop = target.get(node.discriminator.property) if isinstance(target, ObjectType) else None
        ptype = ctx.api.resolve(prop.type) if prop is not None else None
        if isinstance(ptype, ConstType) and ptype.value == value:
            continue
        if isinstance(ptype, EnumType) and value in ptype.values:
            continue
        out.append((value, ctx.class_of[variant.name]))
    return sorted(out)
