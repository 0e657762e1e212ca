import pytest
from graph_paths import (
    INF,
    NegativeCycleError,
    all_nodes,
    bellman_ford,
    bfs_distances,
    bfs_shortest_path,
    dijkstra,
    edges,
    find_cycle,
    has_cycle,
    neighbours,
    reconstruct_path,
    settle_order,
    shortest_path,
    topological_sort,
)

UNWEIGHTED = {
    "a": ["b", "c"],
    "b": ["d"],
    "c": ["d", "e"],
    "d": ["f"],
    "e": ["f"],
    "g": ["a"],
}

WEIGHTED = {
    "s": {"a": 7, "b": 2},
    "a": {"c": 1},
    "b": {"a": 3, "c": 8, "d": 5},
    "c": {"t": 1},
    "d": {"t": 4},
}


def test_neighbours_of_list_and_dict():
    assert neighbours(UNWEIGHTED, "c") == [("d", 1), ("e", 1)]
    assert neighbours(WEIGHTED, "b") == [("a", 3), ("c", 8), ("d", 5)]


def test_neighbours_of_sink_is_empty():
    assert neighbours(UNWEIGHTED, "f") == []


def test_all_nodes_first_seen_order():
    assert all_nodes(UNWEIGHTED) == ["a", "b", "c", "d", "e", "f", "g"]


def test_edges_weighted():
    assert edges({"x": {"y": 2, "z": -1}, "y": {"z": 5}}) == [("x", "y", 2), ("x", "z", -1), ("y", "z", 5)]


def test_edges_unweighted_default_weight():
    assert edges({1: [2], 2: [3]}) == [(1, 2, 1), (2, 3, 1)]


def test_reconstruct_path_basic():
    prev = {"b": "a", "c": "b"}
    assert reconstruct_path(prev, "a", "c") == ["a", "b", "c"]


def test_reconstruct_path_to_source():
    assert reconstruct_path({}, "a", "a") == ["a"]


def test_reconstruct_path_unreachable():
    assert reconstruct_path({"b": "a"}, "a", "z") is None


def test_bfs_distances():
    dist, prev = bfs_distances(UNWEIGHTED, "a")
    assert dist == {"a": 0, "b": 1, "c": 1, "d": 2, "e": 2, "f": 3}
    assert prev == {"b": "a", "c": "a", "d": "b", "e": "c", "f": "d"}


def test_bfs_distances_from_sink():
    assert bfs_distances(UNWEIGHTED, "f") == ({"f": 0}, {})


def test_bfs_shortest_path():
    assert bfs_shortest_path(UNWEIGHTED, "g", "f") == ["g", "a", "b", "d", "f"]
    assert bfs_shortest_path(UNWEIGHTED, "c", "f") == ["c", "d", "f"]


def test_bfs_shortest_path_same_node_and_unreachable():
    assert bfs_shortest_path(UNWEIGHTED, "b", "b") == ["b"]
    assert bfs_shortest_path(UNWEIGHTED, "f", "a") is None


def test_bfs_ignores_weights():
    assert bfs_shortest_path(WEIGHTED, "s", "t") == ["s", "a", "c", "t"]


def test_dijkstra_distances():
    dist, _ = dijkstra(WEIGHTED, "s")
    assert dist == {"s": 0, "a": 5, "b": 2, "c": 6, "d": 7, "t": 7}


def test_dijkstra_predecessors():
    _, prev = dijkstra(WEIGHTED, "s")
    assert prev == {"a": "b", "b": "s", "c": "a", "d": "b", "t": "c"}


def test_dijkstra_keeps_first_of_equal_cost_routes():
    graph = {"s": {"x": 1, "y": 1}, "x": {"t": 1}, "y": {"t": 1}}
    _, prev = dijkstra(graph, "s")
    assert prev["t"] == "x"


def test_dijkstra_zero_weight_edges():
    graph = {"a": {"b": 0}, "b": {"c": 0}, "c": {}}
    assert dijkstra(graph, "a")[0] == {"a": 0, "b": 0, "c": 0}


def test_dijkstra_rejects_negative_weight():
    with pytest.raises(ValueError):
        dijkstra({"a": {"b": -1}}, "a")


def test_dijkstra_handles_cycles():
    graph = {1: {2: 4}, 2: {1: 1, 3: 2}, 3: {1: 10}}
    assert dijkstra(graph, 1)[0] == {1: 0, 2: 4, 3: 6}


def test_shortest_path():
    assert shortest_path(WEIGHTED, "s", "t") == (7, ["s", "b", "a", "c", "t"])
    assert shortest_path(WEIGHTED, "b", "c") == (4, ["b", "a", "c"])


def test_shortest_path_unreachable():
    assert shortest_path(WEIGHTED, "t", "s") == (INF, None)


def test_shortest_path_to_self():
    assert shortest_path(WEIGHTED, "d", "d") == (0, ["d"])


def test_bellman_ford_matches_dijkstra_on_positive_graph():
    dist, prev = bellman_ford(WEIGHTED, "s")
    assert dist == dijkstra(WEIGHTED, "s")[0]
    assert reconstruct_path(prev, "s", "t") == ["s", "b", "a", "c", "t"]


def test_bellman_ford_negative_edges():
    graph = {"a": {"b": 4, "c": 5}, "b": {"d": 3}, "c": {"b": -3}, "d": {}}
    dist, prev = bellman_ford(graph, "a")
    assert dist == {"a": 0, "b": 2, "c": 5, "d": 5}
    assert reconstruct_path(prev, "a", "d") == ["a", "c", "b", "d"]


def test_bellman_ford_long_chain_needs_many_rounds():
    # edges listed backwards so each round only settles one more node
    graph = {4: {5: -1}, 3: {4: -1}, 2: {3: -1}, 1: {2: -1}, 0: {1: -1}}
    dist, _ = bellman_ford(graph, 0)
    assert dist == {0: 0, 1: -1, 2: -2, 3: -3, 4: -4, 5: -5}


def test_bellman_ford_omits_unreachable_nodes():
    graph = {"a": {"b": 1}, "z": {"a": 1}}
    dist, prev = bellman_ford(graph, "a")
    assert dist == {"a": 0, "b": 1}
    assert prev == {"b": "a"}


def test_bellman_ford_detects_negative_cycle():
    graph = {"s": {"a": 1}, "a": {"b": -2}, "b": {"a": 1}}
    with pytest.raises(NegativeCycleError, match="negative cycle"):
        bellman_ford(graph, "s")


def test_bellman_ford_zero_cycle_is_fine():
    graph = {"s": {"a": 1}, "a": {"b": -1}, "b": {"a": 1}}
    assert bellman_ford(graph, "s")[0] == {"s": 0, "a": 1, "b": 0}


def test_bellman_ford_unreachable_negative_cycle_ignored():
    graph = {"s": {"t": 2}, "x": {"y": -5}, "y": {"x": 1}}
    assert bellman_ford(graph, "s")[0] == {"s": 0, "t": 2}


def test_negative_cycle_error_is_value_error():
    assert issubclass(NegativeCycleError, ValueError)


def test_topological_sort_order():
    assert topological_sort(UNWEIGHTED) == ["g", "a", "b", "c", "d", "e", "f"]


def test_topological_sort_courses():
    graph = {"math": ["physics", "cs"], "physics": ["robotics"], "cs": ["robotics", "ai"], "art": []}
    assert topological_sort(graph) == ["math", "art", "physics", "cs", "robotics", "ai"]


def test_topological_sort_diamond_waits_for_all_parents():
    graph = {1: [2, 3], 2: [4], 3: [4], 4: []}
    assert topological_sort(graph) == [1, 2, 3, 4]


def test_topological_sort_empty():
    assert topological_sort({}) == []


def test_topological_sort_cycle_raises():
    with pytest.raises(ValueError, match="cycle"):
        topological_sort({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]})


def test_find_cycle_triangle():
    assert find_cycle({"a": ["b"], "b": ["c"], "c": ["a"]}) == ["a", "b", "c", "a"]


def test_find_cycle_self_loop():
    assert find_cycle({"x": ["y"], "y": ["y"]}) == ["y", "y"]


def test_find_cycle_in_later_component():
    graph = {1: [2], 2: [], 3: [4], 4: [5], 5: [3]}
    assert find_cycle(graph) == [3, 4, 5, 3]


def test_find_cycle_after_dead_end_branch():
    graph = {"a": ["b", "c"], "b": ["d"], "c": ["e"], "d": [], "e": ["c"]}
    assert find_cycle(graph) == ["c", "e", "c"]


def test_find_cycle_none_on_dag_with_shared_child():
    graph = {1: [2, 3], 2: [4], 3: [4], 4: []}
    assert find_cycle(graph) is None


def test_has_cycle():
    assert has_cycle({"a": ["b"], "b": ["a"]}) is True
    assert has_cycle(UNWEIGHTED) is False
    assert has_cycle({}) is False


def test_dijkstra_nodes_of_incomparable_types():
    graph = {"s": {1: 2, "a": 2}, 1: {None: 1}, "a": {None: 1}}
    dist, prev = dijkstra(graph, "s")
    assert dist == {"s": 0, 1: 2, "a": 2, None: 3}
    assert prev[None] == 1


def test_settle_order():
    assert settle_order(WEIGHTED, "s") == ["s", "b", "a", "c", "d", "t"]


def test_settle_order_skips_outdated_queue_entries():
    # "b" is queued at distance 10 and again at 2; it must be settled only once
    graph = {"s": {"b": 10, "a": 1}, "a": {"b": 1}, "b": {"c": 1}}
    assert settle_order(graph, "s") == ["s", "a", "b", "c"]


def test_settle_order_single_node():
    assert settle_order({}, "x") == ["x"]


def test_bellman_ford_keeps_first_of_equal_cost_routes():
    graph = {"s": {"a": 1, "b": 1}, "a": {"t": 1}, "b": {"t": 1}}
    dist, prev = bellman_ford(graph, "s")
    assert dist["t"] == 2
    assert prev["t"] == "a"
