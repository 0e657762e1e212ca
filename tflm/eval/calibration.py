"""Calibration of per-line probabilities: are lines given P(bug) = 0.3 faulty 30 % of the time?"""

from __future__ import annotations

import numpy as np
import pandas as pd


def brier(prob: np.ndarray, faulty: np.ndarray) -> float:
    """Mean squared difference between the probability and the 0/1 truth (lower is better)."""
    prob, y = np.asarray(prob, dtype=float), np.asarray(faulty, dtype=float)
    return float(np.mean((prob - y) ** 2))


def reliability(prob: np.ndarray, faulty: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Equal-width bins of predicted probability: lines, mean prediction and observed rate per bin."""
    prob, y = np.asarray(prob, dtype=float), np.asarray(faulty, dtype=float)
    idx = np.minimum((prob * bins).astype(int), bins - 1)
    count = np.bincount(idx, minlength=bins)
    mean_p = np.bincount(idx, weights=prob, minlength=bins) / np.maximum(count, 1)
    rate = np.bincount(idx, weights=y, minlength=bins) / np.maximum(count, 1)
    edges = np.linspace(0, 1, bins + 1)
    return pd.DataFrame(
        {"lo": edges[:-1], "hi": edges[1:], "lines": count, "predicted": mean_p, "observed": rate}
    )


def ece(prob: np.ndarray, faulty: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: the line-weighted mean gap between predicted and observed rate."""
    table = reliability(prob, faulty, bins)
    total = table["lines"].sum()
    return float(np.sum(table["lines"] * np.abs(table["predicted"] - table["observed"])) / max(total, 1))
