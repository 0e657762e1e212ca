"""Grounding a relational SPN on programs, and exact queries on the grounded network.

Grounding evaluates every class SPN once on its objects: each line SPN on every line (for B = 0 and B = 1),
each function attribute SPN on every function, each program attribute SPN on every program. That is one
vectorised pass per node, in chunks of lines so memory stays bounded. The queries then combine those
numbers through the two mixture levels with sparse part-of sums, so every query is linear in lines × paths,
and exact (no sampling, no approximation).

Notation: ``P`` function-component paths ``(c, d)``; ``L[l, p, b] = log Line_cd(x_l, B_l = b)``;
``phi[f, p]`` the log value of function ``f`` under path ``p``; ``psi[f, c]`` its log value under program
component ``c``; ``omega[g, c]`` the log value of program ``g`` under ``c``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import scipy.sparse as sp
from scipy.special import logsumexp

from tflm.constraints import Interval, check
from tflm.errors import DataError
from tflm.rspn.compiled import CHUNK, CompiledSPN
from tflm.rspn.nodes import Node
from tflm.rspn.relational import RSPN
from tflm.rspn.schema import Design

#: Largest k for "exactly k faulty lines" (the count series are truncated at degree k).
MAX_BUGS = 8


@dataclass
class Grounding:
    """The grounded network's leaf-level numbers for a set of programs (see module docstring)."""

    line_ll: np.ndarray  # (n, P, 2)
    func_ll: np.ndarray  # (F, P): log v_cd + log A_cd(f)
    prog_ll: np.ndarray  # (G, C): log w_c + log A_c(g)
    path_c: np.ndarray  # (P,)
    line_func: np.ndarray  # (n,)
    func_prog: np.ndarray  # (F,)

    def __post_init__(self) -> None:
        n, f = len(self.line_func), len(self.func_prog)
        self.funcs = sp.csr_matrix((np.ones(n), (self.line_func, np.arange(n))), shape=(f, n))
        g = self.prog_ll.shape[0]
        self.progs = sp.csr_matrix((np.ones(f), (self.func_prog, np.arange(f))), shape=(g, f))
        self.line_prog = self.func_prog[self.line_func]

    @property
    def n_lines(self) -> int:
        return len(self.line_func)


def compiled_spns(model: RSPN) -> tuple[CompiledSPN, CompiledSPN | None, CompiledSPN | None]:
    """The model's class SPNs compiled for fast evaluation (cached on the model): the line SPNs (one root
    per path, the label compiled out), the function attribute SPNs and the program attribute SPNs."""
    cache = getattr(model, "_compiled", None)
    if cache is None:
        fcs = [model.components[c].functions[k] for c, k in model.paths]
        lines = CompiledSPN([fc.lines for fc in fcs], state_var=model.schema.label_index)
        # A class with attribute variables has an attribute SPN in every component (io.py checks on load).
        funcs = (
            CompiledSPN(cast(list[Node], [fc.attributes for fc in fcs])) if model.schema.function else None
        )
        progs = (
            CompiledSPN(cast(list[Node], [pc.attributes for pc in model.components]))
            if model.schema.program
            else None
        )
        # ignore: a cache kept on the instance, on purpose not a dataclass field (params.py deletes it)
        cache = model._compiled = (lines, funcs, progs)  # type: ignore[attr-defined]
    return cache


def joint_lines(models: list[RSPN]) -> CompiledSPN:
    """The line SPNs of several models (an ensemble's members) compiled together, cached on the first: one
    pass over the lines then serves them all (one encoding of each row, a third of the numpy calls)."""
    cache = getattr(models[0], "_joint_lines", None)
    if cache is None or tuple(map(id, cache[0])) != tuple(map(id, models)):
        roots = [m.components[c].functions[k].lines for m in models for c, k in m.paths]
        cache = models[0]._joint_lines = (  # type: ignore[attr-defined]  # an instance cache, as above
            tuple(models),
            CompiledSPN(roots, state_var=models[0].schema.label_index),
        )
    return cache[1]


def ground_all(models: list[RSPN], d: Design, chunk: int = CHUNK) -> list[Grounding]:
    """:func:`ground` for several models sharing a schema, their line SPNs evaluated in one pass."""
    line_ll = joint_lines(models).log_likelihood(d.line_x, fast=True, chunk=chunk)
    ends = np.cumsum([len(m.paths) for m in models])
    return [
        ground(m, d, line_ll=line_ll[:, end - len(m.paths) : end])
        for m, end in zip(models, ends, strict=True)
    ]


def ground(model: RSPN, d: Design, chunk: int = CHUNK, line_ll: np.ndarray | None = None) -> Grounding:
    """Evaluate every class SPN of ``model`` on the objects of ``d``, in chunks of ``chunk`` rows (the line
    SPNs' values may be given: ``line_ll``, lines × paths × 2)."""
    lines, funcs, progs = compiled_spns(model)
    paths = model.paths
    if line_ll is None:
        line_ll = lines.log_likelihood(d.line_x, fast=True, chunk=chunk)
    log_v = np.log([model.components[c].functions[k].weight for c, k in paths])
    log_w = np.log([pc.weight for pc in model.components])
    func_ll = log_v + (funcs.log_likelihood(d.func_x)[..., 0] if funcs else 0.0)
    prog_ll = log_w + (progs.log_likelihood(d.prog_x)[..., 0] if progs else 0.0)
    path_c = np.array([c for c, _ in paths], dtype=np.int64)
    return Grounding(
        line_ll,
        np.broadcast_to(func_ll, (len(d.func_x), len(paths))).copy(),
        np.broadcast_to(prog_ll, (len(d.prog_x), len(log_w))).copy(),
        path_c,
        d.line_func,
        d.func_prog,
    )


def _check_evidence(g: Grounding, evidence: np.ndarray | None) -> np.ndarray:
    if evidence is None:
        return np.full(g.n_lines, np.nan)
    e = np.asarray(evidence, dtype=np.float64)
    if e.shape != (g.n_lines,):
        raise DataError(f"evidence must have one entry per line ({g.n_lines}), got shape {e.shape}")
    if not np.all(np.isnan(e) | (e == 0) | (e == 1)):
        raise DataError("evidence entries must be NaN (unknown), 0 (clean) or 1 (buggy)")
    return e


def per_component(values: np.ndarray, path_c: np.ndarray, n_c: int) -> np.ndarray:
    """logsumexp of ``values[:, p]`` over the paths p of each program component."""
    return np.column_stack([logsumexp(values[:, path_c == c], axis=1) for c in range(n_c)])


def _upward(g: Grounding, m: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-line log values ``m`` (lines × paths) up through the two mixture levels: phi (functions ×
    paths), psi (functions × program components) and omega (programs × program components)."""
    phi = g.func_ll + g.funcs @ m
    psi = per_component(phi, g.path_c, g.prog_ll.shape[1])
    return phi, psi, g.prog_ll + g.progs @ psi


def log_marginal(g: Grounding) -> np.ndarray:
    """log p(features) per program, every label summed out: the normaliser of :func:`posterior`, without
    the per-line work."""
    return logsumexp(_upward(g, np.logaddexp(g.line_ll[..., 0], g.line_ll[..., 1]))[2], axis=1)


def posterior(g: Grounding, evidence: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """P(B_l = 1 | evidence) for every line, and log P(evidence) per program.

    ``evidence`` has one entry per line: NaN (unknown), 0 (clean) or 1 (buggy). Lines with evidence get
    their own value back.
    """
    e = _check_evidence(g, evidence)
    l0, l1 = g.line_ll[..., 0], g.line_ll[..., 1]
    known = ~np.isnan(e)[:, None]
    m = np.where(known, np.where(e[:, None] == 1, l1, l0), np.logaddexp(l0, l1))
    phi, psi, omega = _upward(g, m)
    log_z = logsumexp(omega, axis=1)
    post_c = np.exp(omega - log_z[:, None])
    post_p = np.exp(phi - psi[:, g.path_c])
    weight = post_c[g.line_prog][:, g.path_c] * post_p[g.line_func]
    prob = np.sum(weight * np.exp(l1 - m), axis=1)
    return np.where(np.isnan(e), np.clip(prob, 0.0, 1.0), e), log_z


def exp_series(s: np.ndarray) -> np.ndarray:
    """exp of a power series truncated at the last axis' degree (``s[..., 0]`` must be 0)."""
    out = np.zeros_like(s)
    out[..., 0] = 1.0
    for m in range(1, s.shape[-1]):
        j = np.arange(1, m + 1)
        out[..., m] = np.sum(j * s[..., 1 : m + 1] * out[..., m - j], axis=-1) / m
    return out


def log_series(gs: np.ndarray) -> np.ndarray:
    """log of a power series with constant term 1, truncated at the last axis' degree."""
    out = np.zeros_like(gs)
    for m in range(1, gs.shape[-1]):
        j = np.arange(1, m)
        out[..., m] = gs[..., m] - np.sum(j * out[..., 1:m] * gs[..., m - j], axis=-1) / m
    return out


def posterior_exactly(
    g: Grounding, bugs: int, evidence: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """P(B_l = 1 | exactly ``bugs`` (k below) faulty lines in the line's program, evidence), and
    log P(ΣB = k, evidence) per program.

    The count constraint is a selective sum over which lines are faulty, computed with generating
    functions: a line contributes ``L(B=0) + L(B=1)·z``, a part-of product multiplies these polynomials
    (truncated at degree k, through their logarithms), and "all lines but this one" divides one factor out.
    Cost O(lines × paths × k²). ``k`` counts lines marked buggy in ``evidence`` too.
    """
    check("bugs", bugs, [Interval(int, 1, MAX_BUGS)])
    k = int(bugs)
    e = _check_evidence(g, evidence)
    n_c = g.prog_ll.shape[1]
    unknown = np.isnan(e)
    marked = np.bincount(g.line_prog, weights=(e == 1).astype(float), minlength=g.prog_ll.shape[0])
    k_left = (k - marked).astype(np.int64)
    if np.any(k_left < 0):
        raise DataError(f"more than {k} lines are marked buggy")
    deg = int(k_left.max()) + 1
    l0, l1 = g.line_ll[..., 0], g.line_ll[..., 1]
    a = np.where(unknown[:, None] | (e[:, None] == 0), l0, l1)
    tau = np.where(unknown[:, None], np.exp(l1 - l0), 0.0)
    n, n_p = tau.shape
    ell = np.zeros((n, n_p, deg))
    for j in range(1, deg):
        ell[..., j] = (-1) ** (j + 1) * tau**j / j
    s_f = np.asarray(g.funcs @ ell.reshape(n, -1)).reshape(-1, n_p, deg)
    phi0, psi0, omega0 = _upward(g, a)
    sm = np.exp(phi0 - psi0[:, g.path_c])
    e_f = exp_series(s_f)
    g_fc = np.stack(
        [np.sum(sm[:, g.path_c == c, None] * e_f[:, g.path_c == c], axis=1) for c in range(n_c)], 1
    )
    log_g = log_series(g_fc)
    t_gc = np.asarray(g.progs @ log_g.reshape(len(log_g), -1)).reshape(-1, n_c, deg)
    h = exp_series(t_gc)
    top = omega0.max(axis=1)
    scale = np.exp(omega0 - top[:, None])
    h_k = np.take_along_axis(h, k_left[:, None, None].repeat(n_c, 1), axis=2)[..., 0]
    z = np.sum(scale * h_k, axis=1)
    with np.errstate(divide="ignore"):
        log_z = top + np.log(np.clip(z, 0.0, None))

    h_out = exp_series(t_gc[g.func_prog] - log_g)  # every function of the program but this one
    e_out = exp_series(s_f[g.line_func] - ell)  # every line of the function but this one
    conv = np.zeros((n, n_p, deg))
    h_line = h_out[g.line_func][:, g.path_c]  # (n, P, deg)
    for m in range(deg):
        conv[..., m] = np.sum(h_line[..., : m + 1] * e_out[..., m::-1], axis=-1)
    kk = k_left[g.line_prog]
    pick = np.take_along_axis(conv, np.maximum(kk - 1, 0)[:, None, None].repeat(n_p, 1), axis=2)[..., 0]
    numer = np.sum(scale[g.line_prog][:, g.path_c] * sm[g.line_func] * tau * pick, axis=1)
    numer = np.where(kk >= 1, numer, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        prob = numer / z[g.line_prog]
    prob = np.where(np.isfinite(prob), np.clip(prob, 0.0, 1.0), 0.0)
    return np.where(unknown, prob, e), log_z


def mixture_posterior(
    probs: list[np.ndarray], log_evidence: list[np.ndarray], line_prog: np.ndarray
) -> np.ndarray:
    """P(B_l = 1 | evidence) under an equal-weight mixture of the members' conditional distributions.

    The model is P(B | x) = (1/M) Σ_m P_m(B | x); conditioning it on evidence E about the labels weights
    member m's posterior by P_m(E | x) of the line's program. ``probs[m]`` holds member m's posteriors and
    ``log_evidence[m]`` its log P_m(E | x) per program (zeros without evidence: equal weights).
    """
    le = np.stack(log_evidence)
    if not np.all(np.isfinite(le)):
        # evidence impossible under some member: it gets no weight; impossible under all: equal weights
        le = np.where(np.isfinite(le), le, -np.inf)
        le[:, ~np.isfinite(le).any(axis=0)] = 0.0
    w = np.exp(le - logsumexp(le, axis=0))
    p: np.ndarray = np.einsum("mn,mn->n", w[:, line_prog], np.stack(probs))
    return p
