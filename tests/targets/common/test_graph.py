"""The cycle finder every target uses (generator/targets/common/graph.py), on small graphs."""

from __future__ import annotations

from sdkforge.targets.common.graph import component_of, cyclic_edges, strongly_connected


def test_self_loop_is_its_own_cycle() -> None:
    edges = {"a": ["a", "b"], "b": []}
    assert strongly_connected(["a", "b"], edges) == [["a"], ["b"]]
    assert cyclic_edges(["a", "b"], edges) == {("a", "a")}


def test_chain_has_no_cycle() -> None:
    edges = {"a": ["b"], "b": ["c"], "c": []}
    assert strongly_connected(["a", "b", "c"], edges) == [["a"], ["b"], ["c"]]
    assert cyclic_edges(["a", "b", "c"], edges) == set()


def test_two_cycles_joined_by_one_edge_stay_apart() -> None:
    # a <-> b, c -> d -> e -> c, and b -> c between them: two components, not one
    edges = {"a": ["b"], "b": ["a", "c"], "c": ["d"], "d": ["e"], "e": ["c"], "f": []}
    nodes = ["f", "e", "d", "c", "b", "a"]
    # members in the order of `nodes`, components in the order of their first member
    assert strongly_connected(nodes, edges) == [["f"], ["e", "d", "c"], ["b", "a"]]
    component = component_of(nodes, edges)
    assert component["a"] == component["b"] != component["c"] == component["d"] == component["e"]
    assert cyclic_edges(nodes, edges) == {("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c")}


def test_answer_does_not_depend_on_edge_order() -> None:
    nodes = ["x", "y", "z", "w"]
    forward = {"x": ["y", "w"], "y": ["z"], "z": ["x"], "w": []}
    backward = {name: list(reversed(out)) for name, out in forward.items()}
    assert strongly_connected(nodes, forward) == strongly_connected(nodes, backward) == [["x", "y", "z"], ["w"]]


def test_nodes_reached_but_not_listed_come_last() -> None:
    edges = {"a": ["q"], "q": ["a", "p"]}
    assert strongly_connected(["a"], edges) == [["a", "q"], ["p"]]


def test_long_chain_does_not_recurse() -> None:
    # a reference chain longer than Python's recursion limit, closed into one cycle
    count = 5000
    nodes = [f"n{i}" for i in range(count)]
    edges = {name: [nodes[(i + 1) % count]] for i, name in enumerate(nodes)}
    assert strongly_connected(nodes, edges) == [nodes]
