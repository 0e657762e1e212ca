"""Shortest paths and orderings on directed graphs stored as adjacency dicts.

A graph maps each node to its successors.  Successors are either a dict
``{neighbour: weight}`` or any iterable of neighbours (each edge weight 1).
Nodes that only appear as successors are still part of the graph.
"""

import heapq
from collections import deque

INF = float("inf")


class NegativeCycleError(ValueError):
    """Raised when a negative-weight cycle is reachable from the source."""


def neighbours(graph: dict, node) -> list[tuple]:
    """List of (neighbour, weight) pairs leaving node."""
    succ = graph.get(node, ())
    if isinstance(succ, dict):
        return list(succ.items())
    return [(v, 1) for v in succ]


def all_nodes(graph: dict) -> list:
    """Every node of the graph, in first-seen order."""
    seen = {}
    for node in graph:
        seen[node] = None
        for v, _ in neighbours(graph, node):
            seen[v] = None
    return list(seen)


def edges(graph: dict) -> list[tuple]:
    """All edges as (u, v, weight) triples."""
    return [(u, v, w) for u in graph for v, w in neighbours(graph, u)]


def reconstruct_path(prev: dict, source, target) -> list | None:
    """Follow predecessor links back from target; None if target is unreachable."""
    if target != source and target not in prev:
        return None
    path = [target]
    while path[-1] != source:
        path.append(prev[path[-1]])
    path.reverse()
    return path


def bfs_distances(graph: dict, start) -> tuple[dict, dict]:
    """Hop counts and BFS-tree predecessors for every node reachable from start."""
    dist = {start: 0}
    prev = {}
    queue = deque([start])
    while queue:
        u = queue.popleft()
        for v, _ in neighbours(graph, u):
            if v not in dist:
                dist[v] = dist[u] + 1
                prev[v] = u
                queue.append(v)
    return dist, prev


def bfs_shortest_path(graph: dict, start, goal) -> list | None:
    """Path with the fewest edges from start to goal, or None."""
    _, prev = bfs_distances(graph, start)
    return reconstruct_path(prev, start, goal)


def _dijkstra(graph: dict, source) -> tuple[dict, dict, list]:
    dist = {source: 0}
    prev = {}
    settled = []
    done = set()
    heap = [(0, 0, source)]
    counter = 1  # tie-breaker so nodes themselves are never compared
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        settled.append(u)
        for v, w in neighbours(graph, u):
            if w < 0:
                raise ValueError("dijkstra requires non-negative weights")
            nd = d + w
            if nd < dist.get(v, INF):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(heap, (nd, counter, v))
                counter += 1
    return dist, prev, settled


def dijkstra(graph: dict, source) -> tuple[dict, dict]:
    """Distances and predecessors from source; weights must be non-negative."""
    dist, prev, _ = _dijkstra(graph, source)
    return dist, prev


def settle_order(graph: dict, source) -> list:
    """Nodes in the order Dijkstra finalises them (non-decreasing distance)."""
    return _dijkstra(graph, source)[2]


def shortest_path(graph: dict, source, target) -> tuple[float, list | None]:
    """(cost, path) of the cheapest route; (inf, None) when unreachable."""
    dist, prev = dijkstra(graph, source)
    if target not in dist:
        return INF, None
    return dist[target], reconstruct_path(prev, source, target)


def bellman_ford(graph: dict, source) -> tuple[dict, dict]:
    """Distances and predecessors allowing negative weights.

    Raises NegativeCycleError if a negative cycle is reachable from source.
    """
    dist = {node: INF for node in all_nodes(graph)}
    dist[source] = 0
    prev = {}
    all_edges = edges(graph)
    for _ in range(len(dist) - 1):
        changed = False
        for u, v, w in all_edges:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
                prev[v] = u
                changed = True
        if not changed:
            break
    for u, v, w in all_edges:
        if dist[u] + w < dist[v]:
            raise NegativeCycleError(f"negative cycle through edge {u!r} -> {v!r}")
    return {n: d for n, d in dist.items() if d < INF}, prev


def topological_sort(graph: dict) -> list:
    """Kahn's algorithm; ties are broken by first-seen node order."""
    nodes = all_nodes(graph)
    indegree = dict.fromkeys(nodes, 0)
    for _, v, _ in edges(graph):
        indegree[v] += 1
    queue = deque(n for n in nodes if indegree[n] == 0)
    order = []
    while queue:
        u = queue.popleft()
        order.append(u)
        for v, _ in neighbours(graph, u):
            indegree[v] -= 1
            if indegree[v] == 0:
                queue.append(v)
    if len(order) != len(nodes):
        raise ValueError("graph contains a cycle")
    return order


def find_cycle(graph: dict) -> list | None:
    """Return one directed cycle as [a, b, ..., a], or None if acyclic."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(all_nodes(graph), white)
    parent = {}

    def visit(u):
        colour[u] = grey
        for v, _ in neighbours(graph, u):
            if colour[v] == grey:
                cycle = [v, u]
                while cycle[-1] != v:
                    cycle.append(parent[cycle[-1]])
                cycle.reverse()
                return cycle
            if colour[v] == white:
                parent[v] = u
                found = visit(v)
                if found:
                    return found
        colour[u] = black
        return None

    for node in colour:
        if colour[node] == white:
            found = visit(node)
            if found:
                return found
    return None


def has_cycle(graph: dict) -> bool:
    """True when the directed graph contains a cycle."""
    return find_cycle(graph) is not None
