"""A compiled, layered form of one or more SPNs, for fast evaluation over many rows.

:func:`tflm.rspn.nodes.log_likelihood` visits nodes one by one; that is clear, and it is the reference, but
each visit is a few numpy calls. Here the nodes are laid out once as columns of a matrix:

- leaves are grouped by (type, variable), so all the leaves on one variable are evaluated by one broadcast
  or one table lookup (:class:`tflm.rspn.leaves.LeafGroup`; the leaf kind decides which);
- internal nodes are grouped by height; a level of products is one gather plus one segmented sum
  (``np.add.reduceat``), a level of sums one gather, one segmented max and one segmented sum of exponentials.

A *state variable* (the bug label) can be compiled out: every node whose scope holds it is duplicated, one
copy per state, with the label's leaves replaced by constants. One pass over the rows then yields the
log-likelihood of every root for each state of the label, which is what the posterior needs.

The number of Python-level numpy calls depends on the structure only (levels × a few), never on the rows.

:meth:`CompiledSPN.backward` runs the same levels in reverse and returns the derivative of any function of
the roots' values with respect to every parameter (sum weights and leaf parameters), for discriminative
training. Parameters live in flat arrays per group and level, so they can be updated in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import numpy as np

from tflm.rspn.folding import Fold, fold
from tflm.rspn.leaves import Leaf, LeafGroup
from tflm.rspn.nodes import Node, Sum, topological

#: Rows per evaluation chunk: bounds the value matrix to chunk × its nodes. 1,024 keeps it near the cache
#: (7 MB for the shipped ensemble's folded line SPNs); 512 and 2,048 measured the same within noise on the
#: 100,000-line program.
CHUNK = 1024


@dataclass(eq=False)
class _LeafGroup(LeafGroup):
    """A leaf group and its place in the compiled network: its leaves' columns, and (once renumbered) its
    rows of the value matrix."""

    cols: list[int] = field(default_factory=list)
    span: tuple[int, int] = (0, 0)


@dataclass
class _Level:
    kind: str  # "product" or "sum"
    cols: np.ndarray  # output columns
    gather: np.ndarray  # (nodes, children): child columns
    log_w: np.ndarray | None = None  # (nodes, children, 1)
    span: tuple[int, int] = (0, 0)  # its rows of the value matrix
    nodes: list[Node] = field(default_factory=list)
    scatter: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # backward: duplicate-safe adds


class CompiledSPN:
    """Several SPN roots compiled together.

    Parameters
    ----------
    roots : list of Node
        The SPNs (they may share sub-networks).
    state_var : int, optional
        Variable to compile out (see module docstring).
    states : tuple of float
        Its values.
    """

    def __init__(
        self, roots: list[Node], state_var: int | None = None, states: tuple[float, ...] = (0.0, 1.0)
    ):
        self.states = states if state_var is not None else (None,)
        n_states = len(self.states)
        col: dict[tuple[int, int], int] = {}  # (node id, state index) -> column
        height: dict[tuple[int, int], int] = {}
        groups: dict[tuple[object, ...], tuple[list[int], list[Leaf]]] = {}
        consts: list[tuple[int, float, Leaf, float]] = []
        internal: list[tuple[int, str, list[int], Node]] = []
        self.n_cols = 0
        self._fold: Fold | None = None
        self._col_height: dict[int, int] = {}

        def new_col() -> int:
            self.n_cols += 1
            return self.n_cols - 1

        has_state: dict[int, bool] = {}
        order = [n for r in roots for n in topological(r)]
        for node in order:
            if id(node) in has_state:
                continue
            has_state[id(node)] = state_var is not None and state_var in node.scope
            copies = range(n_states) if has_state[id(node)] else [0]
            for s in copies:
                c = new_col()
                key = (id(node), s)
                col[key] = c
                if isinstance(node, Leaf):
                    height[key] = 0
                    if has_state[id(node)]:
                        state = float(states[s])  # has_state: there is a state_var, so these are its states
                        consts.append((c, float(node.log_prob(np.array([state]))[0]), node, state))
                        continue
                    # leaves of one kind on one variable that the kind can stack: evaluated together
                    gk = (node.kind, node.var, *type(node).group_key(node))
                    cols, leaves = groups.setdefault(gk, ([], []))
                    cols.append(c)
                    leaves.append(node)
                    continue
                kids = [col[(id(k), s if has_state[id(k)] else 0)] for k in node.children]
                kid_keys = [(id(k), s if has_state[id(k)] else 0) for k in node.children]
                height[key] = 1 + max(height[k] for k in kid_keys)
                internal.append((c, "sum" if isinstance(node, Sum) else "product", kids, node))
                self._col_height[c] = height[key]

        roots_cols = [[col[(id(r), s if has_state[id(r)] else 0)] for s in range(n_states)] for r in roots]
        self.groups = [self._group(cols, leaves) for cols, leaves in groups.values()]
        self.levels = self._levels(internal)
        # Renumber so every leaf group and every level owns a contiguous block of rows of the value matrix:
        # leaf values and level results are then written in place, with no scatter.
        blocks = (
            [[c[0] for c in consts]] + [g.cols for g in self.groups] + [list(lv.cols) for lv in self.levels]
        )
        new = np.empty(self.n_cols, dtype=np.int64)
        new[np.concatenate([np.asarray(b, dtype=np.int64) for b in blocks])] = np.arange(self.n_cols)
        self.consts = [(int(new[c]), value) for c, value, _, _ in consts]
        #: The label leaves behind the constants, and the state each constant stands for (for training).
        self.const_leaves = [(leaf, state) for _, _, leaf, state in consts]
        start = len(consts)
        for g in self.groups:
            g.span = (start, start + len(g.cols))
            start += len(g.cols)
        for lv in self.levels:
            lv.span = (start, start + len(lv.cols))
            lv.gather = new[lv.gather]
            start += len(lv.cols)
        self.roots = new[np.array(roots_cols)]

    @staticmethod
    def _group(cols: list[int], leaves: list[Leaf]) -> _LeafGroup:
        theta, support = type(leaves[0]).stack(leaves)
        return _LeafGroup(type(leaves[0]), leaves[0].var, leaves, theta, support, cols=cols)

    def _levels(self, internal: list[tuple[int, str, list[int], Node]]) -> list[_Level]:
        # Nodes of one height, kind and number of children form a level: their children gather into a
        # (nodes, children, rows) block, reduced over its middle axis in one contiguous numpy call.
        by_level: dict[tuple[int, str, int], list[tuple[int, list[int], Node]]] = {}
        for c, kind, kids, node in internal:
            by_level.setdefault((self._col_height[c], kind, len(kids)), []).append((c, kids, node))
        levels = []
        for (_, kind, width), items in sorted(by_level.items()):
            nodes = [n for _, _, n in items]
            levels.append(
                _Level(
                    kind,
                    np.array([c for c, _, _ in items]),
                    np.array([k for _, k, _ in items], dtype=np.int64).reshape(len(items), width),
                    np.log(np.stack([n.weights for n in cast(list[Sum], nodes)]))[..., None]
                    if kind == "sum"
                    else None,
                    nodes=nodes,
                )
            )
        return levels

    def plan(self) -> Fold:
        """The inference plan of :meth:`log_likelihood` for the current parameters (built on first use and
        again after training replaced any)."""
        if self._fold is None or not self._fold.current(self):
            self._fold = fold(self)
        return self._fold

    def log_likelihood(self, data: np.ndarray, fast: bool = False, chunk: int = CHUNK) -> np.ndarray:
        """Shape (rows, roots, states): log-likelihood of each root for each state of the compiled-out
        variable (one state when there is none).

        Leaves and the products made of them come from one sparse product (:mod:`tflm.rspn.folding`); the
        rest is evaluated ``chunk`` rows at a time. :meth:`values`, which training differentiates,
        evaluates every node. ``fast`` evaluates two-child sums to within 2e-7 (:func:`_logaddexp`): for
        ranking, not for finite differences.
        """
        data = np.asarray(data, dtype=np.float64)
        f = self.plan()
        phi, codes = f.encode(self, data)  # once for all rows: a few numpy calls per variable
        out = np.empty((len(data), *f.roots.shape))
        for start in range(0, len(data), chunk):
            stop = min(start + chunk, len(data))
            v = np.empty((f.n_rows, stop - start))
            f.fill(phi[start:stop], {g: c[start:stop] for g, c in codes.items()}, v)
            for lev in f.levels:
                self._evaluate(lev, v, fast=fast)
            out[start:stop] = v[f.roots].transpose(2, 0, 1)
        return out

    def values(self, data: np.ndarray) -> np.ndarray:
        """The value matrix: one row per compiled node (log values), one column per row of ``data``."""
        data = np.asarray(data, dtype=np.float64)
        # One row of ``v`` per node: a node's values are contiguous, so gathers and segmented reductions
        # over nodes move whole rows.
        v = np.empty((self.n_cols, data.shape[0]))
        for c, value in self.consts:
            v[c] = value
        for g in self.groups:
            g.log_prob(data[:, g.var], out=v[slice(*g.span)])
        for lev in self.levels:
            self._evaluate(lev, v)
        return v

    @staticmethod
    def _evaluate(lev: _Level, v: np.ndarray, fast: bool = False) -> None:
        """Write a level's log values into its rows of ``v`` from its children's rows (``fast``: two-child
        sums to within 2e-7, see :func:`_logaddexp`)."""
        out = v[slice(*lev.span)]
        if lev.gather.shape[1] == 2:  # most nodes have two children: no (nodes, 2, rows) block
            a, b = v[lev.gather[:, 0]], v[lev.gather[:, 1]]
            if lev.kind == "product":
                np.add(a, b, out=out)
            else:
                assert lev.log_w is not None  # every sum level has its weights
                a += lev.log_w[:, 0]
                b += lev.log_w[:, 1]
                (_logaddexp if fast else np.logaddexp)(a, b, out=out)
            return
        kids = v[lev.gather]  # (nodes, children, rows)
        if lev.kind == "product":
            kids.sum(axis=1, out=out)
        else:
            assert lev.log_w is not None
            kids += lev.log_w
            top = kids.max(axis=1)
            top[~np.isfinite(top)] = 0.0
            kids -= top[:, None, :]
            np.exp(kids, out=kids)
            kids.sum(axis=1, out=out)
            with np.errstate(divide="ignore"):
                np.log(out, out=out)
            out += top

    def backward(self, data: np.ndarray, v: np.ndarray, grad_roots: np.ndarray) -> Gradients:
        """Reverse pass: derivatives of ``Σ grad_roots · root values`` with respect to every parameter.

        Parameters
        ----------
        data : ndarray (rows, variables)
            The rows :meth:`values` was called with.
        v : ndarray
            :meth:`values` of ``data``.
        grad_roots : ndarray (rows, roots, states)
            Upstream derivative of the objective with respect to each root value (as
            :meth:`log_likelihood` lays them out).

        Returns
        -------
        Gradients
            With respect to log sum weights (the caller applies their normalisation), each leaf group's
            parameters as its kind's :meth:`~tflm.rspn.leaves.Leaf.raw_grad` gives them, and each label
            constant's log value.
        """
        data = np.asarray(data, dtype=np.float64)
        gv = np.zeros_like(v)
        np.add.at(gv, self.roots.ravel(), grad_roots.reshape(len(data), -1).T)
        sums: list[np.ndarray | None] = []
        for lev in reversed(self.levels):
            g_out = gv[slice(*lev.span)]  # (nodes, rows)
            if not g_out.any():
                if lev.kind == "sum":
                    assert lev.log_w is not None  # every sum level has its weights
                    sums.append(np.zeros(lev.log_w.shape[:2]))
                else:
                    sums.append(None)
                continue
            if lev.kind == "product":
                contrib = np.broadcast_to(g_out[:, None, :], (*lev.gather.shape, g_out.shape[1]))
                sums.append(None)
            else:
                assert lev.log_w is not None
                resp = v[lev.gather] + lev.log_w - v[slice(*lev.span)][:, None, :]
                np.exp(resp, out=resp)
                resp[~np.isfinite(resp)] = 0.0
                contrib = resp * g_out[:, None, :]
                sums.append(contrib.sum(axis=2))
            self._scatter_add(gv, lev, contrib.reshape(-1, contrib.shape[2]))
        sums.reverse()
        leaves = [g.raw_grad(data[:, g.var], gv[slice(*g.span)]) for g in self.groups]
        consts = np.array([gv[c].sum() for c, _ in self.consts])
        return Gradients(leaves, sums, consts)

    @staticmethod
    def _scatter_add(gv: np.ndarray, lev: _Level, contrib: np.ndarray) -> None:
        # Children are shared between parents of one level (state copies share their stateless children):
        # add duplicate targets together first, so one fancy-indexed add is exact.
        if lev.scatter is None:
            flat = lev.gather.ravel()
            order = np.argsort(flat, kind="stable")
            targets, starts = np.unique(flat[order], return_index=True)
            lev.scatter = (order, targets, starts)
        order, targets, starts = lev.scatter
        if len(targets) == len(order):
            gv[lev.gather.ravel()] += contrib
        else:
            gv[targets] += np.add.reduceat(contrib[order], starts, axis=0)


def _logaddexp(a: np.ndarray, b: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``log(exp(a) + exp(b))`` as ``max + log(1 + exp(-|a - b|))`` with the second term, which lies in
    [0, log 2], in float32: numpy's float32 exp and log are SIMD and float64's are not on AVX2, so this is
    3× faster than ``np.logaddexp``, within 2e-7 of it (absolute, in log space; a relative 2e-7 on each
    sum's value). Training differentiates :meth:`CompiledSPN.values`, which stays exact."""
    gap = np.empty(a.shape, dtype=np.float32)
    with np.errstate(invalid="ignore"):  # both -inf: NaN, which fmin turns into 0 (the max stays -inf)
        np.subtract(a, b, out=gap, casting="same_kind")
    np.abs(gap, out=gap)
    np.negative(gap, out=gap)
    np.fmin(gap, 0.0, out=gap)
    np.exp(gap, out=gap)
    gap += 1.0
    np.log(gap, out=gap)
    np.maximum(a, b, out=out)
    out += gap
    return out


@dataclass
class Gradients:
    """Derivatives from :meth:`CompiledSPN.backward`, laid out like the compiled groups and levels.

    ``leaves[i]``: group i's :meth:`~tflm.rspn.leaves.Leaf.raw_grad` (say, (bins, leaves) for a histogram,
    (leaves, 2) for Gaussians). ``sums[j]``: (nodes, children) log weights for a sum level, None for a product
    level. ``consts[i]``: the i-th label constant's log value.
    """

    leaves: list[np.ndarray]
    sums: list[np.ndarray | None]
    consts: np.ndarray
