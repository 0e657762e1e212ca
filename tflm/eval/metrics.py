"""Ranking metrics with an explicit tie policy (docs/model.md#metrics).

Ties are resolved by expectation over a uniformly random order inside each block of equal scores
(E_inspect). For a block starting at rank P with t lines of which t_f are faulty, the first faulty line is
expected at P + (t − t_f)/(t_f + 1), the closed form of P + Σ_{k=1}^{t−t_f} k·C(t−k−1, t_f−1)/C(t, t_f); the
j-th faulty line of the block at P − 1 + j·(t + 1)/(t_f + 1). Lines without a score form one final block.
Best and worst case put the block's faulty lines first or last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from tflm.errors import DataError
from tflm.eval.ground_truth import GroundTruth
from tflm.rank import Ranking

TOP_N = (1, 3, 5, 10)


@dataclass(frozen=True)
class BugScore:
    """How one ranking fares on one bug.

    Attributes
    ----------
    first : float
        E_inspect: expected rank of the first faulty line under random tie order (inf if none).
    best, worst : float
        Rank of the first faulty line when ties break in its favour / against it.
    mean_rank : float
        Mean expected rank of all faulty lines (for MAR).
    average_precision : float
        AP over the expected ranks of the faulty lines.
    n_lines : int
        Lines in the ranking, ranked or not (the EXAM denominator).
    n_faulty : int
        Faulty lines.
    """

    first: float
    best: float
    worst: float
    mean_rank: float
    average_precision: float
    n_lines: int
    n_faulty: int

    @property
    def exam(self) -> float:
        """E_inspect divided by the number of lines."""
        return self.first / self.n_lines if self.n_lines else float("nan")

    def to_dict(self) -> dict[str, float]:
        return {**asdict(self), "exam": self.exam}


def evaluate(scores: Sequence[float] | np.ndarray, faulty: Sequence[bool] | np.ndarray) -> BugScore:
    """Score one ranking given per-line scores (NaN = unranked) and a faulty mask over the same lines.

    Raises
    ------
    ValueError
        If the arrays differ in length or no line is faulty.
    """
    s = np.asarray(scores, dtype=float)
    f = np.asarray(faulty, dtype=bool)
    if s.shape != f.shape or s.ndim != 1:
        raise DataError("scores and faulty must be 1-D arrays of the same length")
    if not f.any():
        raise DataError("no faulty line: ground truth is empty or outside the ranked lines")
    # Unranked lines sort after every score: one final tie block.
    key = np.where(np.isnan(s), -np.inf, s)
    unranked = np.isnan(s)
    order = np.lexsort((unranked, -key))  # by score, with NaN last
    key, fs, un = key[order], f[order], unranked[order]
    block_key = np.where(un, np.nan, key)
    new_block = np.ones(len(key), dtype=bool)
    new_block[1:] = ~((block_key[1:] == block_key[:-1]) | (un[1:] & un[:-1]))
    starts = np.flatnonzero(new_block)
    sizes = np.diff(np.append(starts, len(key)))
    nf = np.add.reduceat(fs.astype(np.int64), starts)
    hit = nf > 0
    P, t, tf = starts[hit] + 1.0, sizes[hit].astype(float), nf[hit].astype(float)
    first = P[0] + (t[0] - tf[0]) / (tf[0] + 1.0)
    # Expected rank of the j-th faulty line of each block, in block order: the faulty lines' order statistics.
    exp_ranks = np.concatenate(
        [
            p - 1.0 + np.arange(1, k + 1) * (n + 1.0) / (k + 1.0)
            for p, n, k in zip(P, t, tf.astype(int), strict=True)
        ]
    )
    ap = float(np.mean(np.arange(1, len(exp_ranks) + 1) / exp_ranks))
    return BugScore(
        first=float(first),
        best=float(P[0]),
        worst=float(P[0] + t[0] - tf[0]),
        mean_rank=float(exp_ranks.mean()),
        average_precision=ap,
        n_lines=len(s),
        n_faulty=int(f.sum()),
    )


def evaluate_ranking(ranking: Ranking, truth: GroundTruth, n_lines: int | None = None) -> BugScore:
    """Score a :class:`~tflm.rank.Ranking` against ground truth.

    Faulty lines missing from the ranking join the final unranked block, as do the ``n_lines − len(ranking)``
    other lines the ranking left out.
    """
    ranked = {(f, int(n)) for f, n in zip(ranking.files, ranking.lines, strict=True)}
    missing_faulty = len(truth.lines - ranked)
    total = max(n_lines if n_lines is not None else 0, len(ranking) + missing_faulty)
    faulty = np.zeros(total, dtype=bool)
    faulty[: len(ranking)] = [
        (f, int(n)) in truth.lines for f, n in zip(ranking.files, ranking.lines, strict=True)
    ]
    faulty[len(ranking) : len(ranking) + missing_faulty] = True
    scores = np.full(total, np.nan)
    scores[: len(ranking)] = ranking.scores
    return evaluate(scores, faulty)


def summarize(results: Iterable[BugScore], top_n: Sequence[int] = TOP_N) -> dict[str, float]:
    """Aggregate metrics over bugs: Top-N (% of bugs with E_inspect ≤ N), EXAM, MFR, MAR, MAP.

    Top-N is also given for the best and worst tie orders (``top1_best``, ``top1_worst``...).
    """
    rs = list(results)
    if not rs:
        raise DataError("no results to summarize")
    first = np.array([r.first for r in rs])
    best = np.array([r.best for r in rs])
    worst = np.array([r.worst for r in rs])
    out: dict[str, float] = {"bugs": float(len(rs))}
    for n in top_n:
        out[f"top{n}"] = 100.0 * float(np.mean(first <= n))
        out[f"top{n}_best"] = 100.0 * float(np.mean(best <= n))
        out[f"top{n}_worst"] = 100.0 * float(np.mean(worst <= n))
    out["exam"] = float(np.mean([r.exam for r in rs]))
    out["mfr"] = float(first.mean())
    out["mar"] = float(np.mean([r.mean_rank for r in rs]))
    out["map"] = float(np.mean([r.average_precision for r in rs]))
    return out
