"""Type aliases that would refer to themselves: the walk every target needs before it declares an
alias (``A = B | A`` is an error to pydantic, mypy and tsc alike).  Which named types end the walk
(classes, interfaces: declarations a language lets recurse) is the target's policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ...ir.model import Api, MapType, RefType, TypeNode, UnionType


def alias_refs(node: TypeNode, api: Api, declared: Callable[[TypeNode], bool], *,
               through_maps: bool = False) -> set[str]:
    """The named types an alias for ``node`` reaches without passing through a declaration
    (``declared(named_type)`` true: a class, an interface) or a container: through union variants
    and other aliases, and with ``through_maps`` through map values too."""
    seen: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, UnionType):
            stack.extend(current.variants)
        elif through_maps and isinstance(current, MapType):
            stack.append(current.values)
        elif isinstance(current, RefType) and current.name not in seen:
            seen.add(current.name)
            named = api.types.get(current.name)
            if named is not None and not declared(named.type):
                stack.append(named.type)
    return seen


def flat_variants(node: UnionType) -> list[TypeNode]:
    """The union's variants with nested plain (not nullable) unions opened, in order."""
    out: list[TypeNode] = []
    stack = list(reversed(node.variants))
    while stack:
        variant = stack.pop()
        if isinstance(variant, UnionType) and not variant.nullable:
            stack.extend(reversed(variant.variants))
        else:
            out.append(variant)
    return out


def without_self_reference(key: str, node: TypeNode, api: Api,
                           declared: Callable[[TypeNode], bool]) -> TypeNode | None:
    """``node`` as the definition of the alias ``key``, without the union variants that come
    straight back to ``key`` (``A = oneOf [A, string]`` is ``A = string``): they add nothing.  None
    when nothing is left (``A = allOf [A]``): the target writes its "any" type.  A union that lost
    variants loses its discriminator (it may name a dropped one)."""
    if key not in alias_refs(node, api, declared):
        return node
    if isinstance(node, UnionType):
        kept = [v for v in flat_variants(node) if key not in alias_refs(v, api, declared)]
        if kept:
            return replace(node, variants=kept,
                           discriminator=None if len(kept) < len(node.variants) else node.discriminator)
    return None
