"""Discriminative (listwise) training of a relational SPN's parameters.

LearnRSPN fits structure and parameters generatively: it maximises the likelihood of everything, features
included, so a feature that is common among faulty lines of the training corpus (say, conditions) can
outweigh the spectrum of the program at hand. Here the structure stays and every parameter (sum weights,
leaf parameters, the two mixture levels, the attribute SPNs) is re-fitted to maximise the conditional
objective of :mod:`tflm.rspn.listwise` summed over the training programs:

    maximise  (1/G) Σ_g log P(bug among g's faulty lines | exactly one bug, x_g)  −  (λ/2) ‖θ − θ_gen‖²

with L-BFGS on the free parameters (:mod:`tflm.rspn.params`) and exact gradients: the listwise derivative
with respect to each grounded number, then a reverse pass through every compiled class SPN. The penalty pulls
toward the generative fit ``θ_gen``, which keeps the model a sensible density (and its posteriors
interpretable) where the labels say little.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize

from tflm.errors import InvalidParameterError
from tflm.rspn.compiled import CHUNK, CompiledSPN
from tflm.rspn.inference import Grounding, compiled_spns
from tflm.rspn.listwise import listwise
from tflm.rspn.params import ParameterVector
from tflm.rspn.relational import RSPN
from tflm.rspn.schema import Design

log = logging.getLogger(__name__)


@dataclass
class TrainResult:
    """What :func:`fit_listwise` did."""

    objective_start: float  # mean listwise log-likelihood per program before
    objective_end: float  # and after
    iterations: int
    evaluations: int
    seconds: float
    parameters: int


class ListwiseProblem:
    """The penalised listwise loss over theta for one design, and its gradient: ``problem(theta)`` returns
    ``(loss, grad)`` (forward and reverse passes over the lines in chunks). ``theta0`` is the model's own."""

    def __init__(self, model: RSPN, d: Design, faulty: np.ndarray, l2: float, chunk: int) -> None:
        self.d, self.faulty, self.l2, self.chunk = d, np.asarray(faulty, dtype=bool), l2, chunk
        lines, funcs, progs = compiled_spns(model)
        self.spns: list[CompiledSPN | None] = [lines, funcs, progs]
        self.params = ParameterVector(model, [s for s in self.spns if s is not None])
        self.theta0 = self.params.theta0.copy()
        self.n_programs = max(1, int(np.unique(d.func_prog[d.line_func[self.faulty]]).size))
        self.evaluations = 0

    def _attributes(self, which: int, x: np.ndarray, n_cols: int) -> tuple[np.ndarray, np.ndarray | None]:
        spn = self.spns[which]
        if spn is None:
            return np.zeros((len(x), n_cols)), None
        v = spn.values(x)
        return v[spn.roots][:, 0, :].T, v

    def __call__(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        self.evaluations += 1
        pv, d = self.params, self.d
        pv.load(theta)
        lines = self.spns[0]
        assert lines is not None  # compiled_spns always compiles the line SPNs
        n = len(d.line_x)
        line_ll = np.empty((n, len(pv.path_c), 2))
        for start in range(0, n, self.chunk):
            line_ll[start : start + self.chunk] = lines.log_likelihood(d.line_x[start : start + self.chunk])
        func_att, func_v = self._attributes(1, d.func_x, len(pv.path_c))
        prog_att, prog_v = self._attributes(2, d.prog_x, pv.n_c)
        log_v, log_w = pv.log_function_weights(theta), pv.log_program_weights(theta)
        g = Grounding(line_ll, func_att + log_v, prog_att + log_w, pv.path_c, d.line_func, d.func_prog)
        objective, dg = listwise(g, self.faulty)
        total = float(np.nansum(objective))
        grad = pv.mixture_grad(theta, dg.prog_ll.sum(axis=0), dg.func_ll.sum(axis=0))
        which = 1
        for k, (x, v, upstream) in enumerate(
            [(d.func_x, func_v, dg.func_ll), (d.prog_x, prog_v, dg.prog_ll)], start=1
        ):
            spn = self.spns[k]
            if spn is not None:
                assert v is not None  # _attributes gives the value matrix of every SPN there is
                grad += pv.grad(which, theta, spn.backward(x, v, upstream[..., None]))
                which += 1
        for start in range(0, n, self.chunk):
            x = d.line_x[start : start + self.chunk]
            back = lines.backward(x, lines.values(x), dg.line_ll[start : start + self.chunk])
            grad += pv.grad(0, theta, back)
        diff = theta - self.theta0
        loss = -total / self.n_programs + 0.5 * self.l2 * float(diff @ diff)
        return loss, -grad / self.n_programs + self.l2 * diff


def fit_listwise(
    model: RSPN,
    d: Design,
    faulty: np.ndarray,
    *,
    l2: float = 1e-3,
    max_iter: int = 60,
    params: str = "all",
    chunk: int = CHUNK,
    progress: Callable[[int, int], None] | None = None,
) -> TrainResult:
    """Re-fit every parameter of ``model`` (in place) to the listwise objective on the programs of ``d``.

    Parameters
    ----------
    model : RSPN
        A learned model (its structure is kept; its parameters are the starting point and the prior).
    d : Design
        The training programs (:func:`tflm.rspn.schema.design`).
    faulty : ndarray of bool
        Ground truth per line of ``d``.
    l2 : float
        Strength λ of the pull toward the starting parameters (per program).
    max_iter : int
        L-BFGS iterations.
    params : {"all", "weights"}
        Train every parameter, or only the mixing ones (mixture levels, sum weights, label leaves) and keep
        the generative feature leaves.
    progress : callable, optional
        ``progress(iteration, max_iter)`` after each iteration.
    """
    if l2 < 0:
        raise InvalidParameterError("l2 must be non-negative")
    if params not in ("all", "weights"):
        raise InvalidParameterError("params must be 'all' or 'weights'")
    t0 = time.perf_counter()
    problem = ListwiseProblem(model, d, faulty, l2, chunk)
    start, _ = problem(problem.theta0)
    free = np.ones(problem.params.size, dtype=bool) if params == "all" else problem.params.weights_mask

    def loss(x: np.ndarray) -> tuple[float, np.ndarray]:
        theta = problem.theta0.copy()
        theta[free] = x
        value, grad = problem(theta)
        return value, grad[free]

    iteration = 0

    def step(xk: np.ndarray) -> None:  # named as scipy's stubs type a callback taking the parameters
        nonlocal iteration
        iteration += 1
        if progress:
            progress(iteration, max_iter)

    res = minimize(
        loss,
        problem.theta0[free],
        jac=True,
        method="L-BFGS-B",
        callback=step,
        options={"maxiter": max_iter, "maxcor": 20},
    )
    theta = problem.theta0.copy()
    theta[free] = res.x
    problem.params.write_back(theta)
    diff = theta - problem.theta0
    end = -(res.fun - 0.5 * l2 * float(diff @ diff))
    out = TrainResult(
        objective_start=-start,
        objective_end=end,
        iterations=int(res.nit),
        evaluations=problem.evaluations,
        seconds=round(time.perf_counter() - t0, 2),
        parameters=int(free.sum()),
    )
    log.info("listwise training: %s (%s)", out, res.message)
    return out
