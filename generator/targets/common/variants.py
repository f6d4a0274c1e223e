"""Names for the members of a union that have none of their own, in neutral PascalCase words.

A union's inline members (an enum beside a string, a list beside one item) need a name where a
target declares them (Ruby's nested constants, Go's accessors).  What tells a member apart names it:
its title, its one value, its kind (``String``, ``Enum``, ``StringList``); a number never, unless two
members would share every word (then the later ones take the letters B, C, ...). Targets spell the
words in their own case; references are named by the type they name, which is the target's affair.
"""

from __future__ import annotations

from ...ir import naming
from ...ir.model import (ArrayType, ConstType, EnumType, MapType, ObjectType, PrimitiveType, RefType, TypeNode,
                         UnionType)

_PRIMITIVE = {"string": "String", "integer": "Integer", "number": "Number", "boolean": "Boolean", "null": "Null"}


def variant_word(node: TypeNode) -> str:
    """One member's name from what it is: ``Enum``, ``String``, ``IntegerList``, ``Auto`` (a const)."""
    title = getattr(node, "title", None)
    if isinstance(title, str) and naming.words(title):
        return naming.pascal(title)
    if isinstance(node, ConstType) and naming.words(str(node.value)):
        return naming.pascal(str(node.value))
    if isinstance(node, EnumType):
        return "Enum"
    if isinstance(node, PrimitiveType):
        return _PRIMITIVE.get(node.primitive, "Any")
    if isinstance(node, ArrayType):
        return variant_word(node.items) + "List"
    if isinstance(node, MapType):
        return variant_word(node.values) + "Map"
    if isinstance(node, RefType):
        return naming.pascal(node.name) or "Ref"
    if isinstance(node, ObjectType):
        return "Object"
    if isinstance(node, UnionType):
        return "Union"
    return "Value"


def variant_words(variants: list[TypeNode]) -> list[str]:
    """Every member's name, distinct within the union."""
    out: list[str] = []
    for variant in variants:
        word = variant_word(variant)
        if word in out:
            letter = ord("B")
            while f"{word}{chr(letter)}" in out:
                letter += 1
            word = f"{word}{chr(letter)}"
        out.append(word)
    return out
