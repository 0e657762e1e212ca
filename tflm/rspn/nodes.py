"""Sum and product nodes, and the vectorised evaluator of a (propositional) SPN.

Nodes are plain, inspectable objects (as in SPFlow): a :class:`Sum` holds its children and weights, a
:class:`Product` its children, a leaf (:mod:`tflm.rspn.leaves`) its variable and parameters. Evaluation walks
the nodes once, children before parents, and every step is a numpy operation over all rows at once: the cost
is O(nodes × rows) with no Python loop over rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
from scipy.special import logsumexp

from tflm.rspn.leaves import Leaf


@dataclass(eq=False)
class Sum:
    """A weighted mixture of children over the same scope; ``weights`` sum to 1."""

    children: list[Node]
    weights: np.ndarray

    @property
    def scope(self) -> frozenset[int]:
        return self.children[0].scope


@dataclass(eq=False)
class Product:
    """A product of children over disjoint scopes."""

    children: list[Node]
    _scope: frozenset[int] | None = field(default=None, repr=False)

    @property
    def scope(self) -> frozenset[int]:
        if self._scope is None:
            self._scope = frozenset().union(*(c.scope for c in self.children))
        return self._scope


Node = Sum | Product | Leaf


def topological(root: Node) -> list[Node]:
    """Every node once, children before parents."""
    order: list[Node] = []
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if id(node) in seen:
            continue
        if expanded or isinstance(node, Leaf):
            seen.add(id(node))
            order.append(node)
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in reversed(node.children))
    return order


def iter_leaves(root: Node) -> Iterator[Leaf]:
    return (n for n in topological(root) if isinstance(n, Leaf))


def size(root: Node) -> int:
    """Number of nodes (the *model size* of the complexity statements)."""
    return len(topological(root))


def validate(root: Node) -> None:
    """Check completeness (sum children share a scope), decomposability (product children are disjoint)
    and normalised, positive weights; raises ``ValueError`` naming the problem."""
    for node in topological(root):
        if isinstance(node, Sum):
            w = np.asarray(node.weights, dtype=float)
            if len(w) != len(node.children) or not len(w):
                raise ValueError("sum node: one weight per child needed")
            if not np.all(np.isfinite(w)) or np.any(w <= 0) or abs(w.sum() - 1) > 1e-6:
                raise ValueError("sum node: weights must be positive and sum to 1")
            if any(c.scope != node.children[0].scope for c in node.children):
                raise ValueError("sum node: children must share one scope (completeness)")
        elif isinstance(node, Product):
            if not node.children:
                raise ValueError("product node without children")
            total = sum(len(c.scope) for c in node.children)
            if total != len(node.scope):
                raise ValueError("product node: children scopes overlap (decomposability)")


def log_likelihood(root: Node, data: np.ndarray) -> np.ndarray:
    """log p(row) for every row of ``data`` (n × variables); NaN entries are marginalised."""
    ll: np.ndarray = log_likelihood_states(root, data, var=None)[:, 0]
    return ll


def log_likelihood_states(
    root: Node, data: np.ndarray, var: int | None, states: tuple[float, ...] = (0, 1)
) -> np.ndarray:
    """log p(row with ``data[:, var]`` set to each of ``states``): shape (n, len(states)).

    Only nodes whose scope holds ``var`` carry the extra axis; the rest are evaluated once and broadcast,
    so asking for both values of a binary variable costs little more than one pass.
    """
    data = np.asarray(data, dtype=np.float64)
    n = data.shape[0]
    values: dict[int, np.ndarray] = {}
    clamped = None
    if var is not None:
        clamped = np.repeat(np.asarray(states, dtype=np.float64)[None, :], n, axis=0)
    for node in topological(root):
        if isinstance(node, Leaf):
            if var is not None and node.var == var:
                assert clamped is not None  # set above whenever var is
                out = node.log_prob(clamped.ravel()).reshape(n, len(states))
            else:
                out = node.log_prob(data[:, node.var])[:, None]
        elif isinstance(node, Product):
            kids = [values[id(c)] for c in node.children]
            out = kids[0]
            for k in kids[1:]:
                out = out + k
        else:
            kids = [values[id(c)] for c in node.children]
            width = max(k.shape[1] for k in kids)
            stacked = np.stack([np.broadcast_to(k, (n, width)) for k in kids])
            out = logsumexp(stacked + np.log(node.weights)[:, None, None], axis=0)
        values[id(node)] = out
    result = values[id(root)]
    return np.broadcast_to(result, (n, len(states) if var is not None else 1)).copy()
