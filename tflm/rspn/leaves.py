"""Leaf distributions of the SPN: univariate, smoothed, and evaluated on whole columns at once.

Every leaf answers ``log_prob(x)`` for a column ``x``; a NaN in ``x`` means "unobserved" and gives log 1 = 0,
which is how an SPN marginalises a variable. Fitting always smooths, so no value the training data missed gets
probability zero (an unseen program must never have likelihood 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from scipy.special import gammaln

#: Default smoothing pseudo-count for the discrete leaves (Laplace) and the histogram bins.
ALPHA = 0.5


def _observed(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=np.float64)
    seen = ~np.isnan(x)
    return x, seen


@dataclass
class Leaf:
    """Base class: a distribution over variable ``var`` (a column index)."""

    var: int
    kind: ClassVar[str] = ""

    @property
    def scope(self) -> frozenset[int]:
        return frozenset({self.var})

    def log_prob(self, x: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def params(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass
class Bernoulli(Leaf):
    """P(x = 1) = ``p``."""

    p: float = 0.5
    kind: ClassVar[str] = "bernoulli"

    @classmethod
    def fit(cls, var: int, x: np.ndarray, smoothing: float = ALPHA) -> Bernoulli:
        x = x[~np.isnan(x)]
        return cls(var, float((np.sum(x > 0.5) + smoothing) / (len(x) + 2 * smoothing)))

    def log_prob(self, x: np.ndarray) -> np.ndarray:
        x, seen = _observed(x)
        out = np.where(x > 0.5, math.log(self.p), math.log1p(-self.p))
        return np.where(seen, out, 0.0)

    def params(self) -> dict[str, Any]:
        return {"p": self.p}


@dataclass
class Categorical(Leaf):
    """P(x = k) = ``probs[k]`` for k = 0..K-1; values outside the range get the smallest probability."""

    probs: np.ndarray = None  # type: ignore[assignment]
    kind: ClassVar[str] = "categorical"

    @classmethod
    def fit(cls, var: int, x: np.ndarray, n_values: int, smoothing: float = ALPHA) -> Categorical:
        x = x[~np.isnan(x)].astype(np.int64).clip(0, n_values - 1)
        counts = np.bincount(x, minlength=n_values) + smoothing
        return cls(var, counts / counts.sum())

    def log_prob(self, x: np.ndarray) -> np.ndarray:
        x, seen = _observed(x)
        logp = np.log(self.probs)
        idx = np.where(seen, x, 0).astype(np.int64)
        inside = (idx >= 0) & (idx < len(logp))
        out = np.where(inside, logp[idx.clip(0, len(logp) - 1)], logp.min())
        return np.where(seen, out, 0.0)

    def params(self) -> dict[str, Any]:
        return {"probs": self.probs}


@dataclass
class Histogram(Leaf):
    """Piecewise-constant density on ``edges``; values outside are clamped into the first or last bin."""

    edges: np.ndarray = None  # type: ignore[assignment]
    densities: np.ndarray = None  # type: ignore[assignment]
    kind: ClassVar[str] = "histogram"

    @classmethod
    def fit(cls, var: int, x: np.ndarray, edges: np.ndarray, smoothing: float = ALPHA) -> Histogram:
        x = x[~np.isnan(x)]
        counts = np.histogram(np.clip(x, edges[0], edges[-1]), bins=edges)[0] + smoothing
        return cls(var, edges, counts / counts.sum() / np.diff(edges))

    def log_prob(self, x: np.ndarray) -> np.ndarray:
        x, seen = _observed(x)
        logd = np.log(self.densities)
        idx = np.searchsorted(self.edges, np.where(seen, x, self.edges[0]), side="right") - 1
        out = logd[idx.clip(0, len(logd) - 1)]
        return np.where(seen, out, 0.0)

    def params(self) -> dict[str, Any]:
        return {"edges": self.edges, "densities": self.densities}


@dataclass
class Gaussian(Leaf):
    """Normal density with ``mean`` and ``std`` (the fitted std is floored at ``MIN_STD``)."""

    mean: float = 0.0
    std: float = 1.0
    kind: ClassVar[str] = "gaussian"
    MIN_STD: ClassVar[float] = 0.05

    @classmethod
    def fit(cls, var: int, x: np.ndarray) -> Gaussian:
        x = x[~np.isnan(x)]
        if len(x) == 0:
            return cls(var, 0.0, 1.0)
        return cls(var, float(x.mean()), float(max(x.std(), cls.MIN_STD)))

    def log_prob(self, x: np.ndarray) -> np.ndarray:
        x, seen = _observed(x)
        z = (np.where(seen, x, self.mean) - self.mean) / self.std
        out = -0.5 * z * z - math.log(self.std) - 0.5 * math.log(2 * math.pi)
        return np.where(seen, out, 0.0)

    def params(self) -> dict[str, Any]:
        return {"mean": self.mean, "std": self.std}


@dataclass
class Poisson(Leaf):
    """Poisson probability of a count (non-integers are rounded, negatives clamped to 0)."""

    rate: float = 1.0
    kind: ClassVar[str] = "poisson"

    @classmethod
    def fit(cls, var: int, x: np.ndarray, smoothing: float = ALPHA) -> Poisson:
        x = x[~np.isnan(x)]
        return cls(var, float((x.clip(0).sum() + smoothing) / (len(x) + 1.0)))

    def log_prob(self, x: np.ndarray) -> np.ndarray:
        x, seen = _observed(x)
        k = np.rint(np.where(seen, x, 0)).clip(0)
        out = k * math.log(self.rate) - self.rate - gammaln(k + 1)
        return np.where(seen, out, 0.0)

    def params(self) -> dict[str, Any]:
        return {"rate": self.rate}


LEAF_TYPES: dict[str, type[Leaf]] = {
    c.kind: c for c in (Bernoulli, Categorical, Histogram, Gaussian, Poisson)
}
