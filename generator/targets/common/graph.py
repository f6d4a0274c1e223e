"""Graphs of named declarations, as every target needs them: which names form a cycle.

A target uses this to group mutually recursive models into one module (Python), to make a field a
pointer where a struct would contain itself by value (Go), and so on; what counts as an edge is the
target's policy, the components are found here once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def strongly_connected(nodes: Sequence[str], edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components of the graph (Tarjan's algorithm, iterative: chains of
    references can be thousands of links long).  Every node of ``nodes`` is in exactly one
    component; a node reached by an edge but not listed in ``nodes`` is visited too and ends up
    after the listed ones.  Each component lists its members in ``nodes`` order, and the components
    come in the order of their first member, so the answer does not depend on the order of edges."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    out_of = {node: list(edges.get(node, ())) for node in nodes}
    for root in nodes:
        if root in index_of:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index_of[node] = low[node] = len(index_of)
                stack.append(node)
                on_stack.add(node)
            successors = out_of.get(node)
            if successors is None:
                successors = out_of[node] = list(edges.get(node, ()))
            descended = False
            while i < len(successors):
                nxt = successors[i]
                i += 1
                if nxt not in index_of:
                    work.append((node, i))
                    work.append((nxt, 0))
                    descended = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index_of[nxt])
            if descended:
                continue
            if low[node] == index_of[node]:
                group: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                found.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    position = {node: i for i, node in enumerate(nodes)}
    late = len(position)

    def where(node: str) -> tuple[int, str]:
        return (position.get(node, late), node)

    ordered = [sorted(group, key=where) for group in found]
    ordered.sort(key=lambda group: where(group[0]))
    return ordered


def component_of(nodes: Sequence[str], edges: Mapping[str, Iterable[str]]) -> dict[str, int]:
    """Each node's component number (see :func:`strongly_connected`): two nodes are on a common
    cycle when their numbers are equal."""
    return {node: number for number, group in enumerate(strongly_connected(nodes, edges)) for node in group}


def cyclic_edges(nodes: Sequence[str], edges: Mapping[str, Iterable[str]]) -> set[tuple[str, str]]:
    """The edges (from, to) that lie on a cycle: both ends in one component (a self-loop included)."""
    component = component_of(nodes, edges)
    return {(node, nxt) for node in component for nxt in edges.get(node, ())
            if component.get(nxt) == component[node]}
