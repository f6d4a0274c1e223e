"""The self-referring alias walk (generator/targets/common/aliases.py) on small IR graphs."""

from __future__ import annotations

from sdkforge.ir.model import (
    Api,
    MapType,
    NamedType,
    ObjectType,
    PrimitiveType,
    Property,
    RefType,
    TypeNode,
    UnionType,
)
from sdkforge.targets.common.aliases import (
    alias_refs,
    flat_variants,
    without_self_reference,
)


def _is_class(node: TypeNode) -> bool:
    return isinstance(node, ObjectType)


def _api(**types: TypeNode) -> Api:
    return Api(title="t", version="1", types={name: NamedType(name, node) for name, node in types.items()})


STRING = PrimitiveType(primitive="string")


def test_walk_passes_through_unions_and_aliases_but_stops_at_classes() -> None:
    api = _api(A=UnionType(variants=[RefType(name="B"), STRING]), B=RefType(name="C"),
               C=ObjectType(properties=[Property("a", RefType(name="A"))]))
    assert alias_refs(RefType(name="A"), api, _is_class) == {"A", "B", "C"}  # C is reached, not entered


def test_map_values_only_when_asked() -> None:
    api = _api(M=MapType(values=RefType(name="M")))
    assert alias_refs(api.types["M"].type, api, _is_class) == set()
    assert alias_refs(api.types["M"].type, api, _is_class, through_maps=True) == {"M"}


def test_variants_coming_back_are_dropped_with_the_discriminator() -> None:
    # A = oneOf [A, string, oneOf [B, int]] where B = A: only string and int are left
    integer = PrimitiveType(primitive="integer")
    node = UnionType(variants=[RefType(name="A"), STRING, UnionType(variants=[RefType(name="B"), integer])])
    api = _api(A=node, B=RefType(name="A"))
    kept = without_self_reference("A", node, api, _is_class)
    assert isinstance(kept, UnionType)
    assert kept.variants == [STRING, integer]
    assert kept.discriminator is None


def test_alias_that_is_only_itself_has_nothing_left() -> None:
    node = UnionType(variants=[RefType(name="A")])
    assert without_self_reference("A", node, _api(A=node), _is_class) is None


def test_alias_through_a_class_is_left_alone() -> None:
    node = UnionType(variants=[RefType(name="Box"), STRING])
    api = _api(A=node, Box=ObjectType(properties=[Property("a", RefType(name="A"))]))
    assert without_self_reference("A", node, api, _is_class) is node


def test_nullable_union_is_not_opened() -> None:
    inner = UnionType(variants=[STRING], nullable=True)
    assert flat_variants(UnionType(variants=[inner, STRING])) == [inner, STRING]
