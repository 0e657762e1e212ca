"""Export a propositional SPN to spflow 1.1.0 (``pip install 'tflm[spflow]'``; torch-based).

The exported module computes the same log-likelihoods as :func:`tflm.rspn.nodes.log_likelihood`, in float64,
for data inside each leaf's support. spflow differs at the edges, so the export adapts:

- its Histogram support is ``[first edge, last edge)``, so the last edge is moved one float up; ours clamps
  values outside the edges into the end bins;
- its Bernoulli gives NaN for p exactly 0 or 1, which our smoothed leaves never produce.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tflm.errors import TflmError
from tflm.rspn.leaves import Bernoulli, Categorical, Gaussian, Histogram, Leaf, Poisson
from tflm.rspn.nodes import Node, Product, Sum, topological


def _spflow() -> Any:
    try:
        import spflow  # noqa: F401
        import torch
        from spflow.meta import Scope
        from spflow.modules import leaves
        from spflow.modules.products import Product as SProduct
        from spflow.modules.sums import Sum as SSum
    except ImportError:
        raise TflmError("to_spflow() needs spflow: pip install 'tflm[spflow]'") from None
    return torch, Scope, leaves, SProduct, SSum


def to_spflow(root: Node) -> Any:
    """An spflow module equivalent to ``root`` (its variables keep their column indices)."""
    torch, Scope, leaves, SProduct, SSum = _spflow()

    def t(values: Any) -> Any:
        return torch.as_tensor(np.asarray(values, dtype=np.float64))

    def leaf(node: Leaf) -> Any:
        scope = Scope([node.var])
        if isinstance(node, Bernoulli):
            return leaves.Bernoulli(scope, probs=t(node.p).reshape(1, 1, 1))
        if isinstance(node, Categorical):
            return leaves.Categorical(scope, probs=t(node.probs).reshape(1, 1, 1, -1))
        if isinstance(node, Gaussian):
            return leaves.Normal(scope, loc=t(node.mean).reshape(1, 1, 1), scale=t(node.std).reshape(1, 1, 1))
        if isinstance(node, Poisson):
            return leaves.Poisson(scope, rate=t(node.rate).reshape(1, 1, 1))
        if isinstance(node, Histogram):
            edges = node.edges.astype(np.float64).copy()
            edges[-1] = np.nextafter(edges[-1], np.inf)
            probs = node.densities * np.diff(node.edges)
            h = leaves.Histogram(scope, bin_edges=t(edges), probs=t(probs).reshape(1, 1, 1, -1))
            h.bin_edges = t(edges)  # the constructor rounds edges to float32
            return h
        raise TflmError(f"cannot export leaf type {type(node).__name__}")

    built: dict[int, Any] = {}
    for node in topological(root):
        if isinstance(node, Sum):
            kids = [built[id(c)] for c in node.children]
            built[id(node)] = SSum(kids, weights=t(node.weights))
        elif isinstance(node, Product):
            built[id(node)] = SProduct([built[id(c)] for c in node.children])
        else:
            built[id(node)] = leaf(node)
    return built[id(root)]


def spflow_log_likelihood(module: Any, data: np.ndarray) -> np.ndarray:
    """Per-row log-likelihood of ``data`` (NaN = marginalised) under an spflow module, as numpy float64."""
    torch = _spflow()[0]
    with torch.no_grad():
        out = module.log_likelihood(torch.as_tensor(np.asarray(data, dtype=np.float64)))
    ll: np.ndarray = out.reshape(len(data)).numpy()
    return ll
