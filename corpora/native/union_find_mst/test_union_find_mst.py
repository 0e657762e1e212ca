import pytest
from union_find_mst import (
    DisjointSet,
    count_components,
    is_spanning_tree,
    kruskal,
    prim,
    redundant_edges,
)

EDGES = [
    ("a", "b", 4),
    ("a", "h", 8),
    ("b", "c", 8),
    ("b", "h", 11),
    ("c", "d", 7),
    ("c", "f", 4),
    ("c", "i", 2),
    ("d", "e", 9),
    ("d", "f", 14),
    ("e", "f", 10),
    ("f", "g", 2),
    ("g", "h", 1),
    ("g", "i", 6),
    ("h", "i", 7),
]


def test_new_set_counts_elements():
    ds = DisjointSet([1, 2, 3])
    assert len(ds) == 3
    assert ds.count == 3
    assert ds.groups() == [[1], [2], [3]]


def test_add_duplicate_returns_false():
    ds = DisjointSet()
    assert ds.add("x") is True
    assert ds.add("x") is False
    assert ds.count == 1
    assert len(ds) == 1


def test_contains():
    ds = DisjointSet("ab")
    assert "a" in ds
    assert "z" not in ds


def test_find_unknown_raises():
    with pytest.raises(KeyError):
        DisjointSet([1]).find(2)


def test_union_merges_and_counts():
    ds = DisjointSet(range(5))
    assert ds.union(0, 1) is True
    assert ds.union(3, 4) is True
    assert ds.count == 3
    assert ds.connected(0, 1)
    assert not ds.connected(1, 3)


def test_union_same_set_returns_false():
    ds = DisjointSet(range(3))
    ds.union(0, 1)
    ds.union(1, 2)
    assert ds.union(0, 2) is False
    assert ds.count == 1


def test_union_by_rank_attaches_shorter_tree():
    ds = DisjointSet(range(4))
    ds.union(0, 1)
    assert ds.parent[1] == 0
    assert ds.rank[0] == 1
    ds.union(2, 0)
    # 2 has rank 0, so it goes under the rank-1 root 0
    assert ds.parent[2] == 0
    assert ds.rank[0] == 1
    assert ds.rank[2] == 0


def test_union_equal_ranks_increase_rank():
    ds = DisjointSet(range(4))
    ds.union(0, 1)
    ds.union(2, 3)
    ds.union(2, 0)
    assert ds.find(1) == 2
    assert ds.rank[2] == 2
    assert ds.rank[0] == 1


def test_set_size():
    ds = DisjointSet(range(6))
    ds.union(0, 1)
    ds.union(2, 3)
    ds.union(1, 3)
    ds.union(4, 4)
    assert ds.set_size(3) == 4
    assert ds.set_size(0) == 4
    assert ds.set_size(4) == 1
    assert ds.set_size(5) == 1


def test_path_compression_flattens_chain():
    ds = DisjointSet(range(5))
    # build a chain 4 -> 3 -> 2 -> 1 -> 0 by hand
    for child in range(1, 5):
        ds.parent[child] = child - 1
    assert ds.find(4) == 0
    assert ds.parent == {0: 0, 1: 0, 2: 0, 3: 0, 4: 0}


def test_path_compression_partial_chain():
    ds = DisjointSet(range(5))
    for child in range(1, 5):
        ds.parent[child] = child - 1
    assert ds.find(2) == 0
    assert ds.parent == {0: 0, 1: 0, 2: 0, 3: 2, 4: 3}


def test_groups():
    ds = DisjointSet("abcdef")
    ds.union("a", "d")
    ds.union("e", "b")
    ds.union("d", "f")
    assert ds.groups() == [["a", "d", "f"], ["b", "e"], ["c"]]


def test_kruskal_total_and_edges():
    total, chosen = kruskal(EDGES)
    assert total == 37
    assert chosen == [
        ("g", "h", 1),
        ("c", "i", 2),
        ("f", "g", 2),
        ("a", "b", 4),
        ("c", "f", 4),
        ("c", "d", 7),
        ("a", "h", 8),
        ("d", "e", 9),
    ]


def test_kruskal_empty():
    assert kruskal([]) == (0, [])


def test_kruskal_forest_with_isolated_node():
    total, chosen = kruskal([(1, 2, 5), (3, 4, 1), (2, 1, 2)], nodes=[1, 2, 3, 4, 5])
    assert total == 3
    assert chosen == [(3, 4, 1), (2, 1, 2)]


def test_kruskal_negative_weights():
    total, chosen = kruskal([("x", "y", -3), ("y", "z", 1), ("x", "z", -1)])
    assert total == -4
    assert chosen == [("x", "y", -3), ("x", "z", -1)]


def test_prim_total_matches_kruskal():
    total, chosen = prim(EDGES, "a")
    assert total == 37
    assert len(chosen) == 8


def test_prim_edge_order():
    total, chosen = prim(EDGES, "a")
    assert chosen == [
        ("a", "b", 4),
        ("a", "h", 8),
        ("h", "g", 1),
        ("g", "f", 2),
        ("f", "c", 4),
        ("c", "i", 2),
        ("c", "d", 7),
        ("d", "e", 9),
    ]


def test_prim_only_spans_start_component():
    edges = [(1, 2, 3), (2, 3, 1), (1, 3, 5), (7, 8, 1)]
    assert prim(edges, 1) == (4, [(1, 2, 3), (2, 3, 1)])
    assert prim(edges, 8) == (1, [(8, 7, 1)])


def test_prim_start_edges_not_in_weight_order():
    edges = [("s", "a", 5), ("s", "b", 1), ("a", "b", 1)]
    assert prim(edges, "s") == (2, [("s", "b", 1), ("b", "a", 1)])


def test_prim_with_incomparable_node_labels():
    edges = [("s", "x", 1), ("x", 1, 2), ("x", "a", 2)]
    assert prim(edges, "s") == (5, [("s", "x", 1), ("x", 1, 2), ("x", "a", 2)])


def test_prim_isolated_start():
    assert prim([(1, 2, 1)], 9) == (0, [])


def test_prim_equal_weights_prefers_earlier_edge():
    edges = [("s", "a", 1), ("s", "b", 1), ("a", "b", 1)]
    assert prim(edges, "s") == (2, [("s", "a", 1), ("s", "b", 1)])


@pytest.mark.parametrize(
    "nodes, edges, expected",
    [
        ([], [], 0),
        ([1], [], 1),
        ([1, 2, 3], [(1, 2)], 2),
        ([1, 2, 3, 4], [(1, 2), (3, 4), (2, 3)], 1),
        ([1, 2], [(3, 4, 9)], 3),
        (range(6), [(0, 1), (1, 2), (2, 0), (4, 5)], 3),
    ],
)
def test_count_components(nodes, edges, expected):
    assert count_components(nodes, edges) == expected


def test_redundant_edges():
    edges = [(1, 2), (2, 3), (3, 1), (3, 4), (4, 2), (5, 6)]
    assert redundant_edges(edges) == [(3, 1), (4, 2)]


def test_redundant_edges_self_loop_and_duplicate():
    assert redundant_edges([("a", "a"), ("a", "b"), ("b", "a", 7)]) == [("a", "a"), ("b", "a", 7)]


def test_redundant_edges_tree_has_none():
    assert redundant_edges([(1, 2), (1, 3), (3, 4)]) == []


@pytest.mark.parametrize(
    "nodes, edges, expected",
    [
        ([1, 2, 3], [(1, 2), (2, 3)], True),
        ([1], [], True),
        ([1, 2, 3], [(1, 2)], False),
        ([1, 2, 3], [(1, 2), (2, 1)], False),
        ([1, 2, 3, 4], [(1, 2), (2, 1), (3, 4)], False),
        ([1, 2, 3], [(1, 2), (2, 9)], False),
        ([1, 2, 3], [(9, 2), (2, 3)], False),
        ([1, 2, 3], [(1, 2), (1, 3), (2, 3)], False),
    ],
)
def test_is_spanning_tree(nodes, edges, expected):
    assert is_spanning_tree(nodes, edges) is expected
