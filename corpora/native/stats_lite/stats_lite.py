"""Small descriptive statistics and simple regression helpers."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence


class StatsError(ValueError):
    """Raised when a statistic is undefined for the given data."""


def _require(data: Sequence[float], minimum: int = 1) -> None:
    if len(data) < minimum:
        raise StatsError(f"need at least {minimum} data point(s), got {len(data)}")


def mean(data: Sequence[float]) -> float:
    _require(data)
    return sum(data) / len(data)


def median(data: Sequence[float]) -> float:
    _require(data)
    ordered = sorted(data)
    mid = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def modes(data: Sequence) -> list:
    """All most-frequent values, sorted ascending."""
    _require(data)
    counts = Counter(data)
    top = max(counts.values())
    return sorted(value for value, count in counts.items() if count == top)


def mode(data: Sequence):
    """The single most frequent value; raises if there is a tie."""
    found = modes(data)
    if len(found) > 1:
        raise StatsError(f"no unique mode: {found}")
    return found[0]


def _sum_sq_dev(data: Sequence[float]) -> float:
    m = mean(data)
    return sum((x - m) ** 2 for x in data)


def variance(data: Sequence[float], sample: bool = False) -> float:
    """Population variance by default; sample variance (n - 1 divisor) if ``sample``."""
    if sample:
        _require(data, 2)
        return _sum_sq_dev(data) / (len(data) - 1)
    return _sum_sq_dev(data) / len(data)


def stdev(data: Sequence[float], sample: bool = False) -> float:
    return math.sqrt(variance(data, sample))


def percentile(data: Sequence[float], p: float) -> float:
    """Percentile p in [0, 100] using linear interpolation between closest ranks."""
    _require(data)
    if not 0 <= p <= 100:
        raise StatsError(f"percentile must be within [0, 100], got {p}")
    ordered = sorted(data)
    rank = (len(ordered) - 1) * p / 100
    lo = math.floor(rank)
    hi = min(lo + 1, len(ordered) - 1)
    frac = rank - lo
    return ordered[lo] + (ordered[hi] - ordered[lo]) * frac


def z_scores(data: Sequence[float], sample: bool = False) -> list[float]:
    sd = stdev(data, sample)
    if sd == 0:
        raise StatsError("z-scores undefined for zero standard deviation")
    m = mean(data)
    return [(x - m) / sd for x in data]


def _paired(xs: Sequence[float], ys: Sequence[float]) -> None:
    if len(xs) != len(ys):
        raise StatsError("x and y must have the same length")
    _require(xs, 2)


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Population covariance."""
    _paired(xs, ys)
    products = sum(x * y for x, y in zip(xs, ys))
    return products / len(xs) - mean(xs) * mean(ys)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    sx, sy = _sum_sq_dev(xs), _sum_sq_dev(ys)
    if sx == 0 or sy == 0:
        raise StatsError("correlation undefined for constant data")
    return covariance(xs, ys) * len(xs) / math.sqrt(sx * sy)


def linear_regression(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, float]:
    """Least-squares fit y = slope * x + intercept; returns (slope, intercept, r_squared)."""
    sxx = _sum_sq_dev(xs)
    if sxx == 0:
        raise StatsError("regression undefined when all x are equal")
    slope = covariance(xs, ys) * len(xs) / sxx
    intercept = mean(ys) - slope * mean(xs)
    ss_tot = _sum_sq_dev(ys)
    if ss_tot == 0:
        return slope, intercept, 1.0
    ss_res = sum((y - (slope * x + intercept)) ** 2 for x, y in zip(xs, ys))
    return slope, intercept, 1 - ss_res / ss_tot


def histogram(data: Sequence[float], bins: int, lo: float | None = None,
              hi: float | None = None) -> list[int]:
    """Count values into ``bins`` equal-width bins over [lo, hi]; the last bin is closed."""
    if bins < 1:
        raise StatsError("bins must be positive")
    _require(data)
    lo = min(data) if lo is None else lo
    hi = max(data) if hi is None else hi
    if hi < lo:
        raise StatsError("hi must not be below lo")
    counts = [0] * bins
    width = (hi - lo) / bins
    for x in data:
        if x < lo or x > hi:
            continue
        if x == hi:
            counts[-1] += 1
            continue
        counts[min(int((x - lo) / width), bins - 1)] += 1
    return counts


def bin_edges(lo: float, hi: float, bins: int) -> list[float]:
    if bins < 1:
        raise StatsError("bins must be positive")
    width = (hi - lo) / bins
    return [lo + i * width for i in range(bins)] + [hi]
