"""The config's ``layout``: where operations sit and what they are called, over the derived names.

Language-neutral, on :class:`~generator.ir.naming.Naming` values before collisions are settled: an
endpoint the layout names takes that name (the first place an endpoint is written is its name, any
other place an alias that calls it); a ``from:`` moves every operation derived under a resource (and
its sub-resources) to where the ``from:`` stands, names kept; operations the layout does not reach
keep their derived names.  An endpoint or a ``from:`` that matches nothing is an error at its place
in the config with the nearest thing that would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..config import Placement
from ..diagnostics import Diagnostics, did_you_mean
from . import naming
from .model import Operation

RULE = "the config's layout"
_PARAM = re.compile(r"\{[^{}]*\}")


@dataclass
class Laid:
    """The layout applied: every operation's naming, where the layout places an operation, and the
    other names (aliases, in the same resource) of placed operations, in the config's order."""

    names: list[naming.Naming]
    aliases: dict[int, list[tuple[str, Placement]]] = field(default_factory=dict)
    placed: dict[int, Placement] = field(default_factory=dict)


def endpoint_key(op: Operation) -> str:
    return f"{op.method.upper()} {op.path}"


def find_endpoint(endpoint: str, operations: list[Operation]) -> int | None:
    """The index of the operation a config entry names (``METHOD /path`` or an operationId)."""
    return _find(endpoint, operations, {endpoint_key(op): i for i, op in enumerate(operations)},
                 {op.operation_id: i for i, op in enumerate(operations)})


def near_endpoint(endpoint: str, operations: list[Operation]) -> str:
    """``; did you mean ...?`` for an entry that names no operation."""
    return _near(endpoint, [endpoint_key(op) for op in operations] + [op.operation_id for op in operations])


def _find(endpoint: str, operations: list[Operation], keys: dict[str, int], ids: dict[str, int]) -> int | None:
    """The operation an endpoint names: ``METHOD /path`` (the method in any case; parameter names
    may differ from the spec's when only one path has that shape) or an operationId."""
    method, _, path = endpoint.partition(" ")
    if not path:
        return ids.get(endpoint)
    wanted = f"{method.upper()} {path.strip()}"
    if wanted in keys:
        return keys[wanted]
    shape = _PARAM.sub("{}", wanted)
    hits = [i for key, i in keys.items() if _PARAM.sub("{}", key) == shape]
    return hits[0] if len(hits) == 1 else None


def _near(text: str, choices: list[str]) -> str:
    return did_you_mean(text, choices, cutoff=0.5)


def _moved(chosen: naming.Naming, source: tuple[str, ...], to: tuple[str, ...]) -> naming.Naming:
    def move(resource: tuple[str, ...]) -> tuple[str, ...]:
        return to + resource[len(source):] if resource[:len(source)] == source else resource

    return naming.Naming(move(chosen.resource), chosen.name,
                         f"{RULE}: moved from `{'.'.join(source)}` ({chosen.rule})",
                         tuple((move(res), name, why) for res, name, why in chosen.alternatives))


def apply_layout(placements: list[Placement], operations: list[Operation], derived: list[naming.Naming],
                 diags: Diagnostics) -> Laid:
    """``derived`` with the layout's placements and moves applied; every placement that matches
    nothing, or that names a place twice, is an error at its place (reported to ``diags``)."""
    laid = Laid(list(derived))
    keys = {endpoint_key(op): i for i, op in enumerate(operations)}
    ids = {op.operation_id: i for i, op in enumerate(operations)}
    taken: dict[tuple[tuple[str, ...], str], Placement] = {}
    moves: dict[tuple[str, ...], tuple[tuple[str, ...], Placement]] = {}
    known = {n.resource[:depth] for n in derived for depth in range(1, len(n.resource) + 1)}
    for place in placements:
        if place.name is None:
            source = tuple(naming.snake(part) for part in place.endpoint.split(".") if part.strip())
            if source not in known:
                diags.error(f"layout: `from: {place.endpoint}` names no resource the spec's operations are derived "
                            f"under{_near('.'.join(source), sorted('.'.join(k) for k in known))}", place.loc)
            elif source in moves:
                diags.error(f"layout: `{'.'.join(source)}` is already moved to "
                            f"`{'.'.join(moves[source][0]) or 'the client'}`", place.loc)
            else:
                moves[source] = (place.resource, place)
            continue
        index = _find(place.endpoint, operations, keys, ids)
        resource = place.resource or ("client",)
        if index is None:
            diags.error(f"layout: no operation is `{place.endpoint}` (write `METHOD /path` or an operationId)"
                        f"{_near(place.endpoint, [*keys, *ids])}", place.loc)
        elif (resource, place.name) in taken:
            other = taken[(resource, place.name)]
            diags.error(f"layout: `{'.'.join((*resource, place.name))}` already calls `{other.endpoint}`", place.loc)
        elif index in laid.placed:  # a second name of the endpoint: an alias, in the same resource
            first = laid.placed[index]
            if resource != laid.names[index].resource:
                where = ".".join((*first.resource, first.name or ""))
                diags.error(f"layout: `{place.endpoint}` is already placed at `{where}`; a second name for it "
                            "(an alias) stands in the same resource", place.loc)
            else:
                laid.aliases.setdefault(index, []).append((place.name, place))
                taken[(resource, place.name)] = place
        else:
            laid.placed[index] = place
            laid.names[index] = naming.Naming(resource, place.name, RULE)
            taken[(resource, place.name)] = place
    for i, chosen in enumerate(laid.names):
        if i in laid.placed:
            continue
        sources = [s for s in moves if chosen.resource[:len(s)] == s]
        if sources:
            source = max(sources, key=len)  # the innermost move wins: `threads.runs` over `threads`
            laid.names[i] = _moved(chosen, source, moves[source][0])
    return laid
