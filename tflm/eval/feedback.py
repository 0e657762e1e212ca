"""Simulated developer feedback: inspect the top line; if it is clean, say so and look again.

A joint model re-ranks the remaining lines after every answer; a per-line score cannot, so for it feedback
only removes the inspected line and the count is just the rank of the first faulty line.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def _pick(scores: np.ndarray, open_: np.ndarray) -> int:
    """The best open line; ties go to the earliest line (a fixed, method-independent order)."""
    masked = np.where(open_, scores, -np.inf)
    return int(np.flatnonzero(masked == masked.max())[0])


def inspections_static(scores: np.ndarray, faulty: np.ndarray) -> int:
    """Lines inspected, best first (ties by line order), until the first faulty one."""
    order = np.lexsort((np.arange(len(scores)), -np.asarray(scores, dtype=float)))
    return int(np.flatnonzero(np.asarray(faulty)[order])[0]) + 1


def inspections_with_feedback(
    rescore: Callable[[np.ndarray], np.ndarray], faulty: np.ndarray, max_rounds: int = 20
) -> int:
    """Lines inspected until the first faulty one, re-scoring after each clean answer.

    ``rescore(evidence)`` returns a score per line given evidence (NaN unknown, 0 clean). After
    ``max_rounds`` answers the last ranking is followed without further re-scoring.
    """
    faulty = np.asarray(faulty, dtype=bool)
    evidence = np.full(len(faulty), np.nan)
    scores = rescore(evidence)
    for step in range(1, max_rounds + 1):
        line = _pick(scores, np.isnan(evidence))
        if faulty[line]:
            return step
        evidence[line] = 0.0
        scores = rescore(evidence)
    rest = np.isnan(evidence)
    return max_rounds + inspections_static(scores[rest], faulty[rest])
