"""The relational SPN: class templates Program ⊃ Function ⊃ Line, and LearnRSPN over a corpus.

The template (docs/model.md#the-template), as a sum-product network over classes::

    Program  = Σ_c w_c · [ A_c(program attributes)  ·  Π_{functions f} Function_c(f) ]
    Function_c = Σ_d v_cd · [ A_cd(function attributes) · Π_{lines l of f} Line_cd(l) ]
    Line_cd  = a propositional SPN over the line's features and its bug indicator B

Each ``A`` and ``Line`` is a propositional SPN learned by :func:`tflm.rspn.learn.learn_spn`. The sums over
``c`` and ``d`` are the object clusterings of LearnRSPN: programs are clustered on their attributes, then the
functions of each program cluster on theirs, and each class SPN is learned on the objects (and parts) of its
cluster. The exchangeable parts become products over members, so the template grounds to a valid SPN for a
program of any size. Because all the functions of a program share its component ``c``, and all the lines of
a function its ``d``, evidence anywhere moves every line's posterior: the model is joint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from tflm.rspn.nodes import Node, size
from tflm.rspn.schema import Design, Schema

if TYPE_CHECKING:
    from tflm.rspn.learn import LearnParams


@dataclass(eq=False)
class FunctionComponent:
    """One mixture component ``d`` of a Function class SPN: attribute SPN plus line SPN."""

    weight: float
    attributes: Node | None
    lines: Node


@dataclass(eq=False)
class ProgramComponent:
    """One mixture component ``c`` of the Program class SPN: attribute SPN plus its Function class SPN."""

    weight: float
    attributes: Node | None
    functions: list[FunctionComponent] = field(default_factory=list)


@dataclass(eq=False)
class RSPN:
    """A learned relational SPN: the schema plus the program components."""

    schema: Schema
    components: list[ProgramComponent]

    @property
    def paths(self) -> list[tuple[int, int]]:
        """``(c, d)`` for every function component, in a fixed order (the grounding's columns)."""
        return [(c, d) for c, pc in enumerate(self.components) for d in range(len(pc.functions))]

    @property
    def size(self) -> int:
        """Total number of nodes of the class SPNs (plus the two mixture levels)."""
        total = 1
        for pc in self.components:
            total += 2 + (size(pc.attributes) if pc.attributes else 0)
            for fc in pc.functions:
                total += 2 + size(fc.lines) + (size(fc.attributes) if fc.attributes else 0)
        return total


def _clusters(x: np.ndarray, k: int, min_size: int, rng: np.random.Generator) -> np.ndarray:
    """k-means labels on standardised ``x``; clusters smaller than ``min_size`` are merged into the largest.
    Returns labels 0..k'-1 (k' may be 1)."""
    if k <= 1 or len(x) < 2 * min_size or x.shape[1] == 0:
        return np.zeros(len(x), dtype=np.int64)
    from scipy.cluster.vq import kmeans2

    std = x.std(axis=0)
    z = (x - x.mean(axis=0)) / np.where(std > 1e-9, std, 1.0)
    _, labels = kmeans2(z, k, iter=20, minit="++", seed=int(rng.integers(2**31)))
    sizes = np.bincount(labels, minlength=k)
    small = sizes < min_size
    labels = np.where(small[labels], int(np.argmax(sizes)), labels)
    return np.unique(labels, return_inverse=True)[1]


def learn_rspn(
    d: Design,
    schema: Schema,
    *,
    n_program_clusters: int = 2,
    n_function_clusters: int = 3,
    min_programs: int = 50,
    min_functions: int = 200,
    params: LearnParams | None = None,
    rng: np.random.Generator | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RSPN:
    """LearnRSPN over the programs of a labelled design (see the module docstring for the template).

    ``progress(done, total)`` is called as each class SPN is learned (``total`` is known after the
    program clustering).
    """
    # Learning needs scipy.stats and friends; ranking with a loaded RSPN must not import them.
    from tflm.rspn.learn import LearnParams, learn_spn

    rng = rng or np.random.default_rng(0)
    params = params or LearnParams()
    line_vars, func_vars, prog_vars = list(schema.line), list(schema.function), list(schema.program)
    prog_labels = _clusters(d.prog_x, n_program_clusters, min_programs, rng)
    n_programs = len(d.prog_x)
    components = []
    n_c = int(prog_labels.max()) + 1
    total, done = n_c * (1 + 2 * n_function_clusters), 0

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    for c in range(n_c):
        progs = np.flatnonzero(prog_labels == c)
        prog_attr = learn_spn(d.prog_x[progs], prog_vars, params=params, rng=rng) if prog_vars else None
        tick()
        funcs = np.flatnonzero(np.isin(d.func_prog, progs))
        func_labels = _clusters(d.func_x[funcs], n_function_clusters, min_functions, rng)
        tick(2 * (n_function_clusters - int(func_labels.max()) - 1))  # clusters merged away
        pc = ProgramComponent(len(progs) / n_programs, prog_attr)
        for k in range(func_labels.max() + 1):
            members = funcs[func_labels == k]
            func_attr = learn_spn(d.func_x[members], func_vars, params=params, rng=rng) if func_vars else None
            lines = np.flatnonzero(np.isin(d.line_func, members))
            line_spn = learn_spn(
                d.line_x[lines], line_vars, params=params, rng=rng, split_first=schema.label_index
            )
            pc.functions.append(FunctionComponent(len(members) / len(funcs), func_attr, line_spn))
            tick(2)
        components.append(pc)
    return RSPN(schema, components)
