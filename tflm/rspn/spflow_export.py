"""Export a propositional SPN to spflow 1.1.0 (``pip install 'tflm[spflow]'``; torch-based).

The exported module computes the same log-likelihoods as :func:`tflm.rspn.nodes.log_likelihood`, in float64,
for data inside each leaf's support. Each leaf kind builds its own spflow leaf
(:meth:`tflm.rspn.leaves.Leaf.to_spflow`), adapting where spflow differs at the edges (its Histogram's support
is ``[first edge, last edge)``; its Bernoulli gives NaN for p exactly 0 or 1).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tflm.errors import TflmError
from tflm.rspn.leaves import Spflow
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

    sp = Spflow(leaves, Scope, t)
    built: dict[int, Any] = {}
    for node in topological(root):
        if isinstance(node, Sum):
            kids = [built[id(c)] for c in node.children]
            built[id(node)] = SSum(kids, weights=t(node.weights))
        elif isinstance(node, Product):
            built[id(node)] = SProduct([built[id(c)] for c in node.children])
        else:
            built[id(node)] = node.to_spflow(sp)
    return built[id(root)]


def spflow_log_likelihood(module: Any, data: np.ndarray) -> np.ndarray:
    """Per-row log-likelihood of ``data`` (NaN = marginalised) under an spflow module, as numpy float64."""
    torch = _spflow()[0]
    with torch.no_grad():
        out = module.log_likelihood(torch.as_tensor(np.asarray(data, dtype=np.float64)))
    ll: np.ndarray = out.reshape(len(data)).numpy()
    return ll
