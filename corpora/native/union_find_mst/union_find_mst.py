"""Disjoint-set forest and minimum spanning tree algorithms.

Undirected weighted edges are given as (u, v, weight) triples.
"""

import heapq
from collections.abc import Hashable, Iterable


class DisjointSet:
    """Union-find with union by rank and path compression."""

    def __init__(self, elements: Iterable[Hashable] = ()):
        self.parent: dict = {}
        self.rank: dict = {}
        self.size: dict = {}
        self.count = 0
        for element in elements:
            self.add(element)

    def add(self, x: Hashable) -> bool:
        """Add x as a singleton set; return False if it was already present."""
        if x in self.parent:
            return False
        self.parent[x] = x
        self.rank[x] = 0
        self.size[x] = 1
        self.count += 1
        return True

    def __contains__(self, x: Hashable) -> bool:
        return x in self.parent

    def __len__(self) -> int:
        return len(self.parent)

    def find(self, x: Hashable) -> Hashable:
        """Representative of x's set (KeyError if unknown), compressing the path."""
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Merge the sets of a and b; return False if already joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        if self.rank[ra] == self.rank[rb]:
            self.rank[ra] += 1
        self.count -= 1
        return True

    def connected(self, a: Hashable, b: Hashable) -> bool:
        return self.find(a) == self.find(b)

    def set_size(self, x: Hashable) -> int:
        return self.size[self.find(x)]

    def groups(self) -> list[list]:
        """All sets, each in insertion order, ordered by their first element."""
        by_root: dict = {}
        for x in self.parent:
            by_root.setdefault(self.find(x), []).append(x)
        return list(by_root.values())


def _nodes_of(edges: list[tuple], nodes: Iterable | None) -> list:
    seen = dict.fromkeys(nodes or ())
    for u, v, _ in edges:
        seen[u] = None
        seen[v] = None
    return list(seen)


def kruskal(edges: Iterable[tuple], nodes: Iterable | None = None) -> tuple[float, list[tuple]]:
    """Minimum spanning forest: (total weight, chosen edges in pick order)."""
    edge_list = list(edges)
    ds = DisjointSet(_nodes_of(edge_list, nodes))
    chosen = []
    total = 0
    for u, v, w in sorted(edge_list, key=lambda e: e[2]):
        if ds.union(u, v):
            chosen.append((u, v, w))
            total += w
    return total, chosen


def _adjacency(edges: list[tuple]) -> dict:
    adj: dict = {}
    for u, v, w in edges:
        adj.setdefault(u, []).append((w, v))
        adj.setdefault(v, []).append((w, u))
    return adj


def prim(edges: Iterable[tuple], start: Hashable) -> tuple[float, list[tuple]]:
    """Minimum spanning tree of start's component via Prim's algorithm.

    Returns (total weight, edges as (from, to, weight) in the order added).
    """
    adj = _adjacency(list(edges))
    visited = {start}
    heap = [(w, i, start, v) for i, (w, v) in enumerate(adj.get(start, []))]
    heapq.heapify(heap)
    counter = len(heap)
    chosen = []
    total = 0
    while heap:
        w, _, u, v = heapq.heappop(heap)
        if v in visited:
            continue
        visited.add(v)
        chosen.append((u, v, w))
        total += w
        for nw, nxt in adj[v]:
            if nxt not in visited:
                heapq.heappush(heap, (nw, counter, v, nxt))
                counter += 1
    return total, chosen


def count_components(nodes: Iterable[Hashable], edges: Iterable[tuple]) -> int:
    """Number of connected components; edges may be pairs or weighted triples."""
    ds = DisjointSet(nodes)
    for edge in edges:
        u, v = edge[0], edge[1]
        ds.add(u)
        ds.add(v)
        ds.union(u, v)
    return ds.count


def redundant_edges(edges: Iterable[tuple]) -> list[tuple]:
    """Edges (in input order) that close a cycle with earlier edges."""
    ds = DisjointSet()
    extra = []
    for edge in edges:
        u, v = edge[0], edge[1]
        ds.add(u)
        ds.add(v)
        if not ds.union(u, v):
            extra.append(edge)
    return extra


def is_spanning_tree(nodes: Iterable[Hashable], edges: Iterable[tuple]) -> bool:
    """True when edges connect all nodes with no cycle."""
    ds = DisjointSet(nodes)
    for edge in edges:
        if edge[0] not in ds or edge[1] not in ds:
            return False
        if not ds.union(edge[0], edge[1]):
            return False
    return ds.count == 1
