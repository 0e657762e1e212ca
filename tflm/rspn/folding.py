"""The linear part of a compiled SPN folded into one sparse matrix product, for inference.

Below the first sum on every path an SPN only adds log values (a product is a sum of logs), and every leaf's
log value is linear in a small encoding of its variable: a one-hot code for the discrete kinds (a histogram
bin, a category, 0/1), ``(u², u, 1)`` for a Gaussian with ``u`` the centred value, ``(k, log k!, 1)`` for a
Poisson. So the values of all the leaves and of every product made only of leaves and such products are one
product ``Φ(x) @ W``, with ``Φ`` a sparse row of fewer entries than variables (see :attr:`Fold.packs`). Only
the sums, and the products above them, are left to the levels: a fifth of the shipped model's nodes. The
line SPNs of the shipped ensemble run 2.35-2.57× faster than with every node evaluated (CPU time, same
process: ``benchmarks/localize_speed.py``).

The fold is rebuilt whenever training has replaced a leaf's parameters or the label constants (it holds the
arrays it was built from, as ``_LeafGroup.lookup`` does); sum weights are read from the levels at each call.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:
    from tflm.rspn.compiled import CompiledSPN, _LeafGroup, _Level


@dataclass
class Fold:
    """A compiled network's inference plan: ``Φ(x) @ w`` gives the folded columns (rows ``0 .. w.shape[1]``
    of a compact value matrix), then ``levels`` compute the rest on those rows.

    The folded columns are the linear nodes a sum or a root reads, one column per product above a sum for
    all its linear children together, and a zero (for padding). A column that depends on one discrete
    variable only (a leaf, perhaps times a label constant) is a table lookup, the first rows; the others
    come from the product, the rows after them.

    Attributes
    ----------
    w : ndarray (features, product columns)
        Each product column's log value as a linear function of the encoded row.
    tables : list of (int, ndarray)
        Per discrete leaf group (its index), the log values (columns, codes) of the lookup columns on it.
    levels : list of _Level
        The sums and the products above them, renumbered onto the compact value matrix.
    roots : ndarray
        The roots' rows of the compact value matrix, laid out as :attr:`CompiledSPN.roots`.
    n_rows : int
        Rows of the compact value matrix.
    packs : list of (list of (str, int), ndarray, int)
        The one-hot blocks of ``Φ``, each a joint code of several factors: ``("group", i)`` a discrete
        group's code, ``("seen", i)`` whether a continuous group's value is observed, ``("bias", 0)``; the
        factors' strides, and the number of joint codes. Packing factors (up to :data:`PACK` joint
        codes a block) halves the entries of a row, and so the work of the product.
    centres : list of tuple of float
        Per group, what its kind's :meth:`~tflm.rspn.leaves.Leaf.features` are centred on (a Gaussian's
        ``u``); unused for the discrete groups. The continuous groups' two features each, ``(u², u)`` or
        ``(k, log k!)``, follow the packs.
    made_of : tuple
        The parameter arrays (and the label constants) it was built from.
    """

    w: np.ndarray
    tables: list[tuple[int, np.ndarray]]
    levels: list[_Level]
    roots: np.ndarray
    n_rows: int
    packs: list[tuple[list[tuple[str, int]], np.ndarray, int]]
    centres: list[tuple[float, float]]
    made_of: tuple[object, ...]

    def current(self, spn: CompiledSPN) -> bool:
        """Whether the parameters it was built from are still the network's."""
        now = _parameters(spn)
        return len(now) == len(self.made_of) and all(a is b for a, b in zip(now, self.made_of, strict=True))

    def fill(self, phi: sp.csr_matrix, codes: dict[int, np.ndarray], v: np.ndarray) -> None:
        """Write the folded columns' values into the first rows of the value matrix ``v``, from the rows'
        :meth:`encode`."""
        start = 0
        for group, table in self.tables:
            stop = start + len(table)
            np.take(table, codes[group], axis=1, out=v[start:stop], mode="clip")
            start = stop
        v[start : start + self.w.shape[1]] = (phi @ self.w).T

    def encode(self, spn: CompiledSPN, data: np.ndarray) -> tuple[sp.csr_matrix, dict[int, np.ndarray]]:
        """``Φ(data)`` (rows × features, a fixed number of entries per row), and each discrete group's
        codes."""
        n = data.shape[0]
        codes: dict[int, np.ndarray] = {}
        factor: dict[tuple[str, int], np.ndarray] = {("bias", 0): np.zeros(n, dtype=np.intp)}
        numeric = []
        for i, g in enumerate(spn.groups):
            x = data[:, g.var]
            lookup = g.refreshed()
            if lookup is not None:  # the NaN code's weights are 0: marginalised
                codes[i] = factor[("group", i)] = g.codes(lookup, x)
                continue
            seen = ~np.isnan(x)
            factor[("seen", i)] = seen.astype(np.intp)
            pair = g.type.features(np.where(seen, x, 0.0), self.centres[i])
            numeric += [np.where(seen, p, 0.0) for p in pair]
        idx, start = [], 0
        for factors, strides, size in self.packs:
            idx.append(start + sum(stride * factor[f] for f, stride in zip(factors, strides, strict=True)))
            start += size
        idx += [np.full(n, start + j) for j in range(len(numeric))]
        val = [np.ones(n)] * len(self.packs) + numeric
        nz = len(idx)  # entries per row
        phi = sp.csr_matrix(
            (np.column_stack(val).ravel(), np.column_stack(idx).ravel(), np.arange(0, n * nz + 1, nz)),
            shape=(n, self.w.shape[0]),
        )
        return phi, codes


def _parameters(spn: CompiledSPN) -> tuple[object, ...]:
    return (
        *(g.theta for g in spn.groups),
        *(lev.log_w for lev in spn.levels),
        spn.consts,
    )


def _coefficients(g: _LeafGroup) -> tuple[np.ndarray, tuple[float, float]]:
    """(leaves, block width) coefficients of a group's leaf log values on its block of features."""
    lookup = g.refreshed()
    if lookup is not None:
        return lookup, (0.0, 1.0)
    return g.type.coefficients(g.theta)


def fold(spn: CompiledSPN) -> Fold:
    """The fold of ``spn``'s current parameters."""
    from tflm.rspn.compiled import _Level

    blocks = [_coefficients(g) for g in spn.groups]
    offsets = np.concatenate([[0], np.cumsum([c.shape[1] for c, _ in blocks])]).astype(int)
    width = int(offsets[-1]) + 1
    # expansion[c]: node c's log value as coefficients on the features, for the linear nodes
    expansion = np.zeros((spn.n_cols, width))
    linear = np.zeros(spn.n_cols, dtype=bool)
    for c, value in spn.consts:
        expansion[c, -1] = value
        linear[c] = True
    for g, (coef, _), off in zip(spn.groups, blocks, offsets, strict=False):
        expansion[slice(*g.span), off : off + coef.shape[1]] = coef
        linear[slice(*g.span)] = True

    folded: list[np.ndarray] = [np.zeros(width)]  # column 0: zero, which pads products' rows
    by_node: dict[int, int] = {}

    def column(c: int) -> int:
        """The folded column of linear node c (-1 - index: told apart from the nodes left to levels)."""
        if c not in by_node:
            by_node[c] = len(folded)
            folded.append(expansion[c])
        return -1 - by_node[c]

    rest: list[tuple[_Level, np.ndarray]] = []  # the levels left, their children as folded or node refs
    for lev in spn.levels:
        kids_linear = linear[lev.gather]
        if lev.kind == "product" and kids_linear.all():
            expansion[slice(*lev.span)] = expansion[lev.gather].sum(axis=1)
            linear[slice(*lev.span)] = True
        elif lev.kind == "sum":
            sum_refs = [[column(k) if linear[k] else k for k in row] for row in lev.gather]
            rest.append((lev, np.array(sum_refs, dtype=np.int64)))
        else:  # a product above a sum: its linear children add up to one folded column
            kid_refs: list[list[int]] = []
            for row, lin in zip(lev.gather, kids_linear, strict=True):
                node_refs = list(row[~lin])
                if lin.any():
                    folded.append(expansion[row[lin]].sum(axis=0))
                    node_refs.insert(0, -len(folded))
                kid_refs.append(node_refs)
            width_refs = max(len(r) for r in kid_refs)
            rest.append((lev, np.array([r + [-1] * (width_refs - len(r)) for r in kid_refs], dtype=np.int64)))

    root_refs = np.array([column(c) if linear[c] else c for c in spn.roots.ravel()], dtype=np.int64)
    coef = np.array(folded)
    # Which folded columns are lookups: nonzero on one discrete group's block (and maybe the bias, which
    # joins the table: exactly one code of a block is on in every row).
    group_of = np.full(width, -1)
    for i, (g, (block, _), off) in enumerate(zip(spn.groups, blocks, offsets, strict=False)):
        if g.refreshed() is not None:
            group_of[off : off + block.shape[1]] = i
    touched = [set(group_of[np.flatnonzero(row[:-1])].tolist()) for row in coef]
    lookup_group = np.array([t.pop() if len(t) == 1 and -1 not in t else len(spn.groups) for t in touched])
    order = np.argsort(lookup_group, kind="stable")  # lookups by group, then the product's columns
    position = np.empty_like(order)
    position[order] = np.arange(len(order))
    tables = []
    for i in np.unique(lookup_group[lookup_group < len(spn.groups)]):
        cols = order[lookup_group[order] == i]
        off, size = offsets[i], blocks[i][0].shape[1]
        tables.append((int(i), coef[cols, off : off + size] + coef[cols, -1:]))
    product_cols = order[lookup_group[order] == len(spn.groups)]

    # The compact value matrix: the folded columns, then the remaining levels' nodes in order.
    row_of = np.full(spn.n_cols, -1, dtype=np.int64)
    levels, start = [], len(folded)

    def rows(refs: np.ndarray) -> np.ndarray:
        r: np.ndarray = np.where(refs < 0, position[np.maximum(-1 - refs, 0)], row_of[np.maximum(refs, 0)])
        return r

    for lev, refs in rest:
        stop = start + len(lev.cols)
        row_of[np.arange(*lev.span)] = np.arange(start, stop)
        levels.append(_Level(lev.kind, lev.cols, rows(refs), lev.log_w, (start, stop)))
        start = stop
    packs, w = _packed(spn, blocks, offsets, coef[product_cols])
    return Fold(
        w,
        tables,
        levels,
        rows(root_refs).reshape(spn.roots.shape),
        start,
        packs,
        [centre for _, centre in blocks],
        _parameters(spn),
    )


#: Most joint codes in one pack of ``Φ``: its table (codes × columns) stays within a cache's reach.
PACK = 512


def _packed(
    spn: CompiledSPN,
    blocks: list[tuple[np.ndarray, tuple[float, float]]],
    offsets: np.ndarray,
    coef: np.ndarray,
) -> tuple[list[tuple[list[tuple[str, int]], np.ndarray, int]], np.ndarray]:
    """The packs of :class:`Fold` and the product's weights on them, from coefficients ``coef`` (columns ×
    features) on one block per group: a one-hot code, or (first, second, observed) for a continuous one."""
    factors: list[tuple[tuple[str, int], np.ndarray]] = [(("bias", 0), coef[:, -1:])]
    numeric = []
    for i, (g, (c, _), off) in enumerate(zip(spn.groups, blocks, offsets, strict=False)):
        if g.refreshed() is not None:
            factors.append((("group", i), coef[:, off : off + c.shape[1]]))
        else:
            factors.append((("seen", i), np.column_stack([np.zeros(len(coef)), coef[:, off + 2]])))
            numeric += [coef[:, off], coef[:, off + 1]]
    # First fit, largest first: few packs, each a product of factor sizes up to PACK.
    packs: list[list[tuple[tuple[str, int], np.ndarray]]] = []
    for item in sorted(factors, key=lambda f: -f[1].shape[1]):
        home = next(
            (p for p in packs if np.prod([f[1].shape[1] for f in p]) * item[1].shape[1] <= PACK), None
        )
        if home is None:
            packs.append([item])
        else:
            home.append(item)
    layout, weights = [], []
    for pack in packs:
        sizes = np.array([f[1].shape[1] for f in pack])
        strides = np.concatenate([np.cumprod(sizes[::-1])[::-1][1:], [1]])
        table = np.zeros((len(coef), 1))
        for _, c in pack:  # joint code → the sum of its factors' coefficients
            table = (table[:, :, None] + c[:, None, :]).reshape(len(coef), -1)
        layout.append(([name for name, _ in pack], strides, int(sizes.prod())))
        weights.append(table)
    return layout, np.ascontiguousarray(
        np.hstack([*weights, np.column_stack(numeric)] if numeric else weights).T
    )
