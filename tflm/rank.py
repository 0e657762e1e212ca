"""Turning per-line scores into a ranking."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from tflm.errors import DataError

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Ranking:
    """Lines of one program ordered from most to least suspicious.

    Attributes
    ----------
    files : ndarray of str
        File of each ranked line, best first.
    lines : ndarray of int
        Line number of each ranked line.
    scores : ndarray of float
        Score of each ranked line (higher is more suspicious).
    ranks : ndarray of int
        1-based rank; tied lines share the rank of the first of them ("min" ranking).
    method : str
        What produced the scores, e.g. ``"ochiai"``.
    info : dict
        Free-form facts about the program (tests, warnings) carried through to the reports.
    """

    files: np.ndarray
    lines: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    method: str
    info: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_scores(
        cls,
        files: Sequence[str] | np.ndarray,
        lines: Sequence[int] | np.ndarray,
        scores: Sequence[float] | np.ndarray,
        method: str,
        info: dict[str, Any] | None = None,
    ) -> Ranking:
        """Sort lines by descending score; ties keep file/line order for display only.

        Raises
        ------
        DataError
            If the arrays differ in length or a score is NaN (a ``ValueError``).
        """
        files = np.asarray(files, dtype=object)
        lines = np.asarray(lines, dtype=np.int64)
        scores = np.asarray(scores, dtype=float)
        if not len(files) == len(lines) == len(scores):
            raise DataError("files, lines and scores must have the same length")
        if np.isnan(scores).any():
            raise DataError("scores contain NaN")
        order = np.lexsort((lines, files.astype(str), -scores))
        ranks = _min_ranks(-scores[order])
        return cls(files[order].astype(str), lines[order], scores[order], ranks, method, dict(info or {}))

    def __len__(self) -> int:
        return len(self.lines)

    def top(self, n: int) -> Ranking:
        """The first ``n`` lines."""
        return Ranking(
            self.files[:n], self.lines[:n], self.scores[:n], self.ranks[:n], self.method, self.info
        )

    def to_frame(self) -> pd.DataFrame:
        """A DataFrame with columns file, line, score, rank."""
        import pandas as pd

        return pd.DataFrame(
            {"file": self.files, "line": self.lines, "score": self.scores, "rank": self.ranks}
        )


def _min_ranks(ordered: np.ndarray) -> np.ndarray:
    """1-based "min" ranks of values already sorted ascending: each tie block takes the rank of its first
    member (scipy's ``rankdata(method="min")``, without importing scipy.stats, which costs a second)."""
    n = len(ordered)
    first = np.ones(n, dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return np.maximum.accumulate(np.where(first, np.arange(n), 0)).astype(np.int64) + 1
