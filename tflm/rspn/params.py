"""Every parameter of a relational SPN as one flat vector of free (unconstrained) numbers.

Discriminative training (:mod:`tflm.rspn.discriminative`) optimises a vector ``theta`` with L-BFGS. Each
parameter has a free form whose every value is a valid model:

- sum weights and the two mixture levels: log weights, normalised by a softmax;
- leaves: the free form their kind defines (:meth:`tflm.rspn.leaves.Leaf.free`; say, log bin probabilities
  for a histogram, the logit of ``p`` for a Bernoulli, mean and log standard deviation for a Gaussian).

:class:`ParameterVector` writes a ``theta`` into compiled SPNs in place (no recompilation per step), turns
:class:`~tflm.rspn.compiled.Gradients` into a gradient over ``theta``, and finally writes ``theta`` back into
the plain node objects so the model saves and loads as any other.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from scipy.special import expit, log_softmax, softmax

from tflm.rspn.compiled import CompiledSPN, Gradients
from tflm.rspn.leaves import Leaf, positive_simplex
from tflm.rspn.nodes import Node, Sum
from tflm.rspn.relational import RSPN


def _free(node: Node) -> np.ndarray:
    """The free form of a node's parameters."""
    if isinstance(node, Sum):
        free: np.ndarray = np.log(node.weights)
        return free
    if isinstance(node, Leaf):
        return node.free()
    raise TypeError(f"no parameters for {type(node).__name__}")


class ParameterVector:
    """The free parameters of ``model`` and their places in the compiled SPNs ``compiled``.

    Parameters
    ----------
    model : RSPN
        The model; its mixture weights are the vector's first entries.
    compiled : list of CompiledSPN
        The compiled class SPNs of ``model`` (as :func:`tflm.rspn.inference.ground` uses them).
    """

    def __init__(self, model: RSPN, compiled: list[CompiledSPN]) -> None:
        self.model, self.compiled = model, compiled
        self._offset: dict[int, int] = {}
        self._width: dict[int, int] = {}
        self._nodes: list[Node] = []
        chunks: list[np.ndarray] = []
        size = 0

        def place(node: Node) -> int:
            nonlocal size
            if id(node) not in self._offset:
                free = _free(node)
                self._offset[id(node)] = size
                self._width[id(node)] = len(free)
                self._nodes.append(node)
                chunks.append(free)
                size += len(free)
            return self._offset[id(node)]

        paths = model.paths
        self.n_c = len(model.components)
        self.path_c = np.array([c for c, _ in paths], dtype=np.int64)
        chunks.append(np.log([pc.weight for pc in model.components]))
        chunks.append(np.log([model.components[c].functions[d].weight for c, d in paths]))
        size = self.n_c + len(paths)
        # index arrays: where each compiled group's / level's / constant's parameters sit in theta
        self._groups: list[list[np.ndarray]] = []
        self._levels: list[list[np.ndarray | None]] = []
        self._consts: list[tuple[np.ndarray, np.ndarray]] = []
        for spn in compiled:
            groups = []
            for g in spn.groups:
                groups.append(np.array([place(leaf) + np.arange(self._width[id(leaf)]) for leaf in g.leaves]))
            self._groups.append(groups)
            levels: list[np.ndarray | None] = []
            for lev in spn.levels:
                if lev.kind == "sum":
                    sums = cast(list[Sum], lev.nodes)  # a sum level's nodes are sums
                    levels.append(np.array([place(n) + np.arange(len(n.children)) for n in sums]))
                else:
                    levels.append(None)
            self._levels.append(levels)
            leaves: list[Leaf] = [leaf for leaf, _ in spn.const_leaves]
            self._consts.append(
                (
                    np.array([place(leaf) for leaf in leaves], dtype=np.int64),
                    np.array([state for _, state in spn.const_leaves], dtype=float),
                )
            )
        self.theta0 = np.concatenate(chunks) if chunks else np.zeros(0)
        #: True for the mixing parameters: the two mixture levels, sum weights and the label leaves (the
        #: prior of a bug in each branch); False for the leaves over features.
        self.weights_mask = np.zeros(len(self.theta0), dtype=bool)
        self.weights_mask[: self.n_c + len(paths)] = True
        for levels, (c_idx, _) in zip(self._levels, self._consts, strict=True):
            for idx in levels:
                if idx is not None:
                    self.weights_mask[idx] = True
            self.weights_mask[c_idx] = True

    @property
    def size(self) -> int:
        return len(self.theta0)

    # ---- the two mixture levels -------------------------------------------------------------------------
    def log_program_weights(self, theta: np.ndarray) -> np.ndarray:
        """log w_c, shape (C,)."""
        return log_softmax(theta[: self.n_c])

    def log_function_weights(self, theta: np.ndarray) -> np.ndarray:
        """log v_cd per path, normalised within each program component, shape (P,)."""
        raw = theta[self.n_c : self.n_c + len(self.path_c)]
        out = np.empty_like(raw)
        for c in range(self.n_c):
            out[self.path_c == c] = log_softmax(raw[self.path_c == c])
        return out

    def mixture_grad(self, theta: np.ndarray, g_log_w: np.ndarray, g_log_v: np.ndarray) -> np.ndarray:
        """Gradient over theta from derivatives with respect to log w_c (C,) and log v_cd (P,)."""
        out = np.zeros_like(theta)
        w = np.exp(self.log_program_weights(theta))
        out[: self.n_c] = g_log_w - w * g_log_w.sum()
        v = np.exp(self.log_function_weights(theta))
        gv = np.empty_like(g_log_v)
        for c in range(self.n_c):
            m = self.path_c == c
            gv[m] = g_log_v[m] - v[m] * g_log_v[m].sum()
        out[self.n_c : self.n_c + len(self.path_c)] = gv
        return out

    # ---- compiled SPNs ---------------------------------------------------------------------------------
    def load(self, theta: np.ndarray) -> None:
        """Write ``theta`` into the compiled SPNs' tables and weights, in place."""
        for spn, groups, levels, (c_idx, c_state) in zip(
            self.compiled, self._groups, self._levels, self._consts, strict=True
        ):
            for g, idx in zip(spn.groups, groups, strict=True):
                g.theta = g.type.from_free(theta[idx], g.support)
            for lev, w_idx in zip(spn.levels, levels, strict=True):
                if w_idx is not None:
                    lev.log_w = log_softmax(theta[w_idx], axis=1)[..., None]
            if len(c_idx):
                eta = theta[c_idx]
                values = np.where(c_state > 0.5, -np.logaddexp(0.0, -eta), -np.logaddexp(0.0, eta))
                spn.consts = [(c, float(val)) for (c, _), val in zip(spn.consts, values, strict=True)]

    def grad(self, which: int, theta: np.ndarray, grads: Gradients) -> np.ndarray:
        """Gradient over ``theta`` from the raw derivatives of compiled SPN number ``which``."""
        out = np.zeros_like(theta)
        spn = self.compiled[which]
        for g, idx, raw in zip(spn.groups, self._groups[which], grads.leaves, strict=True):
            np.add.at(out, idx, g.type.free_grad(theta[idx], raw))
        for w_idx, w_raw in zip(self._levels[which], grads.sums, strict=True):
            if w_idx is not None:
                assert w_raw is not None  # backward gives a sum level's derivatives, None for a product's
                w = softmax(theta[w_idx], axis=1)
                np.add.at(out, w_idx, w_raw - w * w_raw.sum(axis=1, keepdims=True))
        c_idx, c_state = self._consts[which]
        if len(c_idx):
            p = expit(theta[c_idx])
            np.add.at(out, c_idx, grads.consts * np.where(c_state > 0.5, 1.0 - p, -p))
        return out

    # ---- back into the model -------------------------------------------------------------------------
    def write_back(self, theta: np.ndarray) -> None:
        """Store ``theta`` in the model's node objects and mixture weights (then drop compiled caches)."""
        for pc, w in zip(self.model.components, np.exp(self.log_program_weights(theta)), strict=True):
            pc.weight = float(w)
        for (c, d), v in zip(self.model.paths, np.exp(self.log_function_weights(theta)), strict=True):
            self.model.components[c].functions[d].weight = float(v)
        for node in self._nodes:
            t = theta[self._offset[id(node)] : self._offset[id(node)] + self._width[id(node)]]
            if isinstance(node, Sum):
                node.weights = positive_simplex(t)
            else:
                assert isinstance(node, Leaf)  # _free gave parameters to sums and leaves only
                node.set_free(t)
        if hasattr(self.model, "_compiled"):
            del self.model._compiled
