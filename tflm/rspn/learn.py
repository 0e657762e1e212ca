"""LearnSPN: top-down structure learning of a propositional SPN over one class's objects.

The recursion (Gens & Domingos 2013, typed as in LearnRSPN):

- one variable left: a smoothed leaf of the variable's type;
- few objects left (``min_instances``) or depth exhausted: a product of leaves (a local naive factorisation);
- otherwise *split variables*: a G-test of independence between every pair of variables (on a sample of
  ``test_rows`` objects, discretised to at most 8 levels) builds a dependency graph; if it has several
  connected components, they become the children of a product node;
- otherwise *split objects*: 2-means on the standardised variables; the clusters become the children of a
  sum node, weighted by their sizes.

``split_first`` names a variable (the bug label) whose values split the objects at the root. Without it, a
rare binary (1 % bug rate) is easily declared independent of everything and split off at the first product,
which would give every line the same posterior; conditioning on it first makes the root a mixture of
class-conditional densities, so the features decide P(bug | features).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.cluster.vq import kmeans2
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.stats import chi2

from tflm.rspn.leaves import ALPHA, LEAF_TYPES, Leaf
from tflm.rspn.nodes import Node, Product, Sum
from tflm.rspn.schema import Var


@dataclass(frozen=True)
class LearnParams:
    """Hyper-parameters of :func:`learn_spn`."""

    min_instances: int = 300
    #: Below 1, clusters inside each branch of the ``split_first`` label stop at this share of the branch
    #: (or ``min_instances`` if smaller): the rare (faulty) branch then gets structure instead of a naive
    #: factorisation. 1 applies ``min_instances`` alone.
    branch_share: float = 1.0
    max_depth: int = 12
    alpha: float = 1e-3
    test_rows: int = 2000
    kmeans_iter: int = 10
    #: Pseudo-count added to every value or bin of the discrete and histogram leaves (and to a Poisson's
    #: total). Larger values keep a feature value the training corpus rarely saw in a small cluster (say, a
    #: ``for`` header among faulty lines of mutants) from vetoing a line its spectrum points at.
    smoothing: float = ALPHA


def fit_leaf(var: Var, index: int, x: np.ndarray, smoothing: float = ALPHA) -> Leaf:
    """A leaf for column ``index`` of type ``var.kind`` fitted to ``x``, smoothed by ``smoothing``."""
    return LEAF_TYPES[var.kind].fit(index, x, var, smoothing)


def _levels(x: np.ndarray, var: Var) -> np.ndarray:
    """Discretise a column to at most 8 levels (codes 0..7) for the independence test."""
    return LEAF_TYPES[var.kind].test_levels(x)


def dependency_components(data: np.ndarray, vars_: list[Var], alpha: float) -> np.ndarray:
    """Label each column with its connected component in the G-test dependency graph."""
    n, v = data.shape
    codes = np.column_stack([_levels(data[:, j], vars_[j]) for j in range(v)])
    k = codes.max(axis=0) + 1
    rows, cols = [], []
    for a in range(v):
        for b in range(a + 1, v):
            if k[a] < 2 or k[b] < 2:
                continue
            table = np.bincount(codes[:, a] * k[b] + codes[:, b], minlength=k[a] * k[b]).reshape(k[a], k[b])
            table = table[table.sum(1) > 0][:, table.sum(0) > 0]
            if min(table.shape) < 2:
                continue
            expected = table.sum(1, keepdims=True) * table.sum(0, keepdims=True) / n
            nz = table > 0
            g = 2.0 * np.sum(table[nz] * np.log(table[nz] / expected[nz]))
            dof = (table.shape[0] - 1) * (table.shape[1] - 1)
            if chi2.sf(g, dof) < alpha:
                rows.append(a)
                cols.append(b)
    graph = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(v, v))
    return connected_components(graph, directed=False)[1]


def learn_spn(
    data: np.ndarray,
    vars_: list[Var],
    *,
    params: LearnParams | None = None,
    rng: np.random.Generator | None = None,
    split_first: int | None = None,
    columns: list[int] | None = None,
) -> Node:
    """Learn an SPN over ``data`` (objects × variables; column j has type ``vars_[j]``).

    ``columns`` maps local column j to the variable index the leaves record (default: j itself), so a
    class SPN can address the columns of a larger matrix.
    """
    params = params or LearnParams()
    rng = rng or np.random.default_rng(0)
    columns = list(range(data.shape[1])) if columns is None else columns
    # Leaves skip missing values; the tests and the clustering see them imputed by the column mean.
    filled = data
    if np.isnan(data).any():
        means = np.nan_to_num(np.nanmean(np.where(np.isnan(data).all(0), 0.0, data), axis=0))
        filled = np.where(np.isnan(data), means, data)

    def factorised(rows: np.ndarray, cols: list[int]) -> Node:
        leaves = [fit_leaf(vars_[c], columns[c], data[rows, c], params.smoothing) for c in cols]
        return leaves[0] if len(leaves) == 1 else Product(list(leaves))

    def recurse(rows: np.ndarray, cols: list[int], depth: int, first: bool, min_inst: int) -> Node:
        if len(cols) == 1 or len(rows) < min_inst or depth >= params.max_depth:
            return factorised(rows, cols)
        x = filled[np.ix_(rows, cols)]  # type: ignore[arg-type]  # ix_ stub: one index type
        if first and split_first is not None and split_first in cols:
            values = np.rint(data[rows, split_first])
            groups = [rows[values == u] for u in np.unique(values)]
            if len(groups) > 1:
                weights = np.array([len(g) for g in groups], dtype=float) / len(rows)
                share = params.branch_share
                caps = [
                    min_inst if share >= 1 else min(min_inst, max(20, int(share * len(g)))) for g in groups
                ]
                kids = [recurse(g, cols, depth + 1, False, cap) for g, cap in zip(groups, caps, strict=True)]
                return Sum(kids, weights)
        sample = rows if len(rows) <= params.test_rows else rng.choice(rows, params.test_rows, replace=False)
        labels = dependency_components(
            filled[np.ix_(sample, cols)],  # type: ignore[arg-type]  # as above
            [vars_[c] for c in cols],
            params.alpha,
        )
        if labels.max() > 0:
            groups = [[c for c, lab in zip(cols, labels, strict=True) if lab == g] for g in np.unique(labels)]
            return Product([recurse(rows, g, depth + 1, False, min_inst) for g in groups])
        std = x.std(axis=0)
        z = (x - x.mean(axis=0)) / np.where(std > 1e-9, std, 1.0)
        seed = int(rng.integers(2**31))
        _, assign = kmeans2(z, 2, iter=params.kmeans_iter, minit="++", seed=seed)
        sizes = np.bincount(assign, minlength=2)
        if sizes.min() < max(2, min_inst // 10):
            return factorised(rows, cols)
        weights = sizes / len(rows)
        return Sum([recurse(rows[assign == k], cols, depth + 1, False, min_inst) for k in (0, 1)], weights)

    return recurse(np.arange(data.shape[0]), list(range(data.shape[1])), 0, True, params.min_instances)
