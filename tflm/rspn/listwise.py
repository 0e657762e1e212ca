"""The listwise objective: log P(the bug is among the faulty lines | exactly one bug, the features).

For one program, with ``T[l, p]`` the log joint of "line ``l`` is the only faulty line, and its function takes
path ``p = (c, d)``" (notation of :mod:`tflm.rspn.inference`)::

    T[l, p] = omega0[g, c] − psi0[f, c] + phi0[f, p] + L1[l, p] − L0[l, p]

(every line clean, then the line's function swapped from "all clean" to "line l faulty" under path p), the
objective is ``logsumexp over faulty l, p of T − logsumexp over all l, p of T``. For a single-fault program
this is the log of a softmax over the program's lines, which is the question a user asks ("which line of THIS
program?"); for a multi-fault program it is the probability that the one bug the model may name is a real
one. Its gradient with respect to the grounding's numbers is exact and costs O(lines × paths).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import logsumexp

from tflm.rspn.inference import Grounding, per_component


@dataclass
class ListwiseGrad:
    """Derivatives of the objective with respect to the grounding's numbers."""

    line_ll: np.ndarray  # (n, P, 2)
    func_ll: np.ndarray  # (F, P)
    prog_ll: np.ndarray  # (G, C)


def _group_logsumexp(values: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """logsumexp of ``values`` within each group (``-inf`` for a group with no finite member)."""
    top = np.full(n_groups, -np.inf)
    np.maximum.at(top, group, values)
    safe = np.where(np.isfinite(top), top, 0.0)
    total = np.bincount(group, weights=np.exp(values - safe[group]), minlength=n_groups)
    with np.errstate(divide="ignore"):
        return np.log(total) + safe


def listwise(g: Grounding, faulty: np.ndarray) -> tuple[np.ndarray, ListwiseGrad]:
    """The objective per program and its gradient (summed over programs).

    Parameters
    ----------
    g : Grounding
        The grounded model on the training programs.
    faulty : ndarray of bool, shape (lines,)
        Ground truth. Programs with no faulty line contribute nothing.

    Returns
    -------
    objective : ndarray (programs,)
        ``log P(bug among the faulty lines | exactly one bug, x)``; NaN for programs with no faulty line.
    grad : ListwiseGrad
        Derivatives of the sum of the finite objectives.
    """
    faulty = np.asarray(faulty, dtype=bool)
    n_c, n_g = g.prog_ll.shape[1], g.prog_ll.shape[0]
    l0, l1 = g.line_ll[..., 0], g.line_ll[..., 1]
    phi0 = g.func_ll + g.funcs @ l0
    psi0 = per_component(phi0, g.path_c, n_c)
    omega0 = g.prog_ll + g.progs @ psi0
    fun = g.line_func
    t = omega0[g.line_prog][:, g.path_c] - psi0[fun][:, g.path_c] + phi0[fun] + (l1 - l0)
    t_line = logsumexp(t, axis=1)
    log_d = _group_logsumexp(t_line, g.line_prog, n_g)
    log_n = _group_logsumexp(np.where(faulty, t_line, -np.inf), g.line_prog, n_g)
    used = np.isfinite(log_n) & np.isfinite(log_d)
    objective = np.where(used, log_n - log_d, np.nan)

    # dJ/dT: the posterior over (line, path) given "the bug is a faulty line", minus that given nothing
    keep = used[g.line_prog][:, None]
    with np.errstate(invalid="ignore"):
        num = np.where(faulty[:, None] & keep, np.exp(t - log_n[g.line_prog][:, None]), 0.0)
        den = np.where(keep, np.exp(t - log_d[g.line_prog][:, None]), 0.0)
    d_t = num - den  # (n, P)
    by_c = np.column_stack([d_t[:, g.path_c == c].sum(axis=1) for c in range(n_c)])  # (n, C)
    f_by_c = g.funcs @ by_c  # (F, C)
    d_omega = g.progs @ f_by_c  # (G, C)
    d_psi = d_omega[g.func_prog] - f_by_c
    soft = np.exp(phi0 - psi0[:, g.path_c])
    d_phi = g.funcs @ d_t + d_psi[:, g.path_c] * soft  # (F, P)
    d_l0 = d_phi[fun] - d_t
    return objective, ListwiseGrad(np.stack([d_l0, d_t], axis=-1), d_phi, d_omega)
