"""Leaf distributions of the SPN, and everything the engine does with a leaf of each kind.

Every leaf answers ``log_prob(x)`` for a column ``x``; a NaN in ``x`` means "unobserved" and gives log 1 = 0,
which is how an SPN marginalises a variable. Fitting always smooths, so no value the training data missed gets
probability zero (an unseen program must never have likelihood 0).

A leaf kind is one class here, and the only place that knows it: :data:`LEAF_TYPES` maps the kind's name (a
schema variable's ``kind``, a model file's node ``type``) to its class. The class owns

- fitting (:meth:`Leaf.fit`), checking a schema variable of its kind (:meth:`Leaf.check_var`) and coding a
  column for the learner's independence test (:meth:`Leaf.test_levels`);
- its log-density over many leaves of the kind on one variable at once: the parameters stacked into one
  array (:meth:`Leaf.stack`), evaluated by :class:`LeafGroup` as a table lookup (:meth:`Leaf.lookup` and
  :meth:`Leaf.codes`, the discrete kinds) or by formula (:meth:`Leaf.log_values`, with
  :meth:`Leaf.coefficients` and :meth:`Leaf.features` for :mod:`tflm.rspn.folding`). A single leaf's
  :meth:`Leaf.log_prob` is a group of one, so each log-density is written once;
- its free parameters for training (:meth:`Leaf.free`, :meth:`Leaf.set_free`, :meth:`Leaf.from_free`,
  :meth:`Leaf.raw_grad`, :meth:`Leaf.free_grad`);
- serialisation (:meth:`Leaf.params`, and :meth:`Leaf.from_params`, which validates an untrusted file's
  values) and export to spflow (:meth:`Leaf.to_spflow`).

:mod:`tflm.rspn.compiled`, :mod:`~tflm.rspn.folding`, :mod:`~tflm.rspn.params`, :mod:`~tflm.rspn.io`,
:mod:`~tflm.rspn.learn`, :mod:`~tflm.rspn.spflow_export` and :mod:`~tflm.rspn.schema` call these methods and
never ask which kind a leaf is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import numpy as np
from scipy.special import expit, gammaln, log_softmax, softmax

from tflm.errors import InvalidParameterError

if TYPE_CHECKING:
    from tflm.rspn.schema import Var

#: Default smoothing pseudo-count for the discrete leaves (Laplace) and the histogram bins.
ALPHA = 0.5
_HALF_LOG_2PI = 0.5 * math.log(2 * math.pi)

#: How :meth:`Leaf.from_params` reads a stored parameter: its name and (optionally) required length give its
#: values, already checked to be in the file and finite (:mod:`tflm.rspn.io`).
Values = Callable[[str, int | None], np.ndarray]


class Spflow(NamedTuple):
    """What :meth:`Leaf.to_spflow` builds with: spflow's leaf module, its ``Scope`` and a float64 tensor
    maker (imported by :mod:`tflm.rspn.spflow_export` only when asked)."""

    leaves: Any
    scope: Any
    tensor: Callable[[Any], Any]


def _require(cond: bool, what: str) -> None:
    if not cond:
        raise ValueError(what)


def positive_simplex(t: np.ndarray) -> np.ndarray:
    """softmax(t) with every entry > 0: a saved model must have every probability > 0 (the loader checks),
    so what underflowed is floored."""
    p = np.maximum(softmax(t), 1e-300)
    simplex: np.ndarray = p / p.sum()
    return simplex


@dataclass
class Leaf:
    """Base class: a distribution over variable ``var`` (a column index).

    The classmethods work on a kind's *stack*: the parameters of several leaves of the kind on one variable
    as one array ``theta`` (its layout is the kind's: :meth:`stack`), and what they all share and training
    never changes, ``support`` (a histogram's edges; None for the other kinds).
    """

    var: int
    kind: ClassVar[str] = ""

    @property
    def scope(self) -> frozenset[int]:
        return frozenset({self.var})

    def log_prob(self, x: np.ndarray) -> np.ndarray:
        """Log value of each entry of the column ``x``; 0 where it is NaN (marginalised)."""
        values: np.ndarray = LeafGroup.of([self]).log_prob(np.asarray(x, dtype=np.float64))[0]
        return values

    # ---- fitting and the schema ------------------------------------------------------------------------
    @classmethod
    def fit(cls, var: int, x: np.ndarray, spec: Var, smoothing: float = ALPHA) -> Leaf:
        """The leaf on column ``var`` fitted to ``x`` for schema variable ``spec``, smoothed by ``smoothing``
        (NaN values are skipped)."""
        return cls.fit_observed(var, x[~np.isnan(x)], spec, smoothing)

    @classmethod
    def fit_observed(cls, var: int, x: np.ndarray, spec: Var, smoothing: float) -> Leaf:
        """:meth:`fit` on the observed values ``x``."""
        raise NotImplementedError  # pragma: no cover - abstract

    @classmethod
    def check_var(cls, spec: Var) -> None:
        """Raise :class:`InvalidParameterError` when a schema variable of this kind is not usable."""

    @classmethod
    def test_levels(cls, x: np.ndarray) -> np.ndarray:
        """The column coded into at most 8 levels (0..7) for the learner's independence test: at the
        quantiles, unless the kind says otherwise."""
        qs = np.unique(np.quantile(x, np.linspace(0, 1, 9)[1:-1]))
        levels: np.ndarray = np.searchsorted(qs, x, side="right")
        return levels

    # ---- many leaves at once -------------------------------------------------------------------------
    @classmethod
    def group_key(cls, leaf: Leaf) -> tuple[object, ...]:
        """What besides kind and variable leaves must share to be stacked into one group."""
        return ()

    @classmethod
    def stack(cls, leaves: list[Leaf]) -> tuple[np.ndarray, np.ndarray | None]:
        """``(theta, support)`` of ``leaves`` (all of this kind, one group key)."""
        raise NotImplementedError  # pragma: no cover - abstract

    @classmethod
    def lookup(cls, theta: np.ndarray) -> np.ndarray | None:
        """Discrete kinds: log values (leaves, codes), the last code that of a missing value (0). None for
        the kinds evaluated by :meth:`log_values`."""
        return None

    @classmethod
    def codes(cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray) -> np.ndarray:
        """Discrete kinds: the column of :meth:`lookup` for each (observed) value of ``xs``."""
        raise NotImplementedError  # pragma: no cover - only the discrete kinds are asked

    @classmethod
    def log_values(cls, theta: np.ndarray, xs: np.ndarray) -> np.ndarray:
        """Kinds without a lookup: log values (leaves, rows) at the (observed) values ``xs``."""
        raise NotImplementedError  # pragma: no cover - only the kinds without a lookup are asked

    @classmethod
    def coefficients(cls, theta: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
        """Kinds without a lookup: each leaf's log value as ``(a, b, c)`` on :meth:`features` ``(f, g)``,
        ``a f + b g + c``, and the ``centre`` :meth:`features` then takes."""
        raise NotImplementedError  # pragma: no cover - only the kinds without a lookup are asked

    @classmethod
    def features(cls, xs: np.ndarray, centre: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        """Kinds without a lookup: the two features their log values are linear in (see
        :meth:`coefficients`)."""
        raise NotImplementedError  # pragma: no cover - only the kinds without a lookup are asked

    # ---- free parameters (discriminative training) -----------------------------------------------------
    def free(self) -> np.ndarray:
        """The leaf's parameters in free form: every real vector of this length is a valid leaf."""
        raise NotImplementedError  # pragma: no cover - abstract

    def set_free(self, t: np.ndarray) -> None:
        """Take the parameters of free form ``t`` (as stored: probabilities floored above 0)."""
        raise NotImplementedError  # pragma: no cover - abstract

    @classmethod
    def from_free(cls, t: np.ndarray, support: np.ndarray | None) -> np.ndarray:
        """``theta`` of a group from its leaves' free forms, one row each."""
        raise NotImplementedError  # pragma: no cover - abstract

    @classmethod
    def raw_grad(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray, gl: np.ndarray
    ) -> np.ndarray:
        """A group's derivatives from those ``gl`` (leaves, rows; 0 where unobserved) of its log values at
        ``xs``: with respect to the free form, or (kinds with :meth:`free_grad`) to log probabilities."""
        raise NotImplementedError  # pragma: no cover - abstract

    @classmethod
    def free_grad(cls, t: np.ndarray, raw: np.ndarray) -> np.ndarray:
        """The derivatives with respect to the free forms ``t`` (leaves, width) from :meth:`raw_grad`."""
        return raw

    # ---- serialisation and export ----------------------------------------------------------------------
    @classmethod
    def param_names(cls) -> tuple[tuple[str, bool], ...]:
        """The parameters, in the order a model file stores them (the fields after ``var``), each with
        whether it is one number (else an array)."""
        return _param_names(cls)

    def params(self) -> dict[str, Any]:
        """The parameters by name, as a model file stores them (one float array each)."""
        return {name: getattr(self, name) for name, _ in self.param_names()}

    @classmethod
    def from_params(cls, var: int, values: Values, where: str) -> Leaf:
        """The leaf a model file describes; raises ``ValueError`` (naming ``where``) on values no fitted
        leaf has (:meth:`invalid`)."""
        got = {
            name: float(values(name, 1)[0]) if one else values(name, None) for name, one in cls.param_names()
        }
        problem = cls.invalid(got)
        _require(problem is None, f"{where}: {problem}")
        return cls(var, **got)

    @classmethod
    def invalid(cls, params: dict[str, Any]) -> str | None:
        """What is wrong with stored (finite) parameters, or None."""
        return None

    def mismatch(self, spec: Var) -> str | None:
        """Why the leaf cannot stand for schema variable ``spec`` of its kind, or None."""
        return None

    def to_spflow(self, sp: Spflow) -> Any:
        """The equivalent spflow leaf."""
        raise NotImplementedError  # pragma: no cover - abstract


@dataclass(eq=False)
class LeafGroup:
    """Leaves of one kind on one variable, their parameters stacked (``theta``, ``support``: see
    :class:`Leaf`), evaluated together: one gather from a lookup table, or one broadcast formula.

    Training replaces ``theta`` (never edits it in place); :attr:`lookup` is derived from it and rebuilt when
    ``theta`` is no longer the array it was made of.
    """

    type: type[Leaf]
    var: int
    leaves: list[Leaf]
    theta: np.ndarray
    support: np.ndarray | None = None
    lookup: np.ndarray | None = None
    made_of: np.ndarray | None = None

    @classmethod
    def of(cls, leaves: list[Leaf]) -> LeafGroup:
        theta, support = type(leaves[0]).stack(leaves)
        return cls(type(leaves[0]), leaves[0].var, leaves, theta, support)

    @property
    def kind(self) -> str:
        return self.type.kind

    def refreshed(self) -> np.ndarray | None:
        """:attr:`lookup`, rebuilt first if ``theta`` was replaced since; None for the kinds without one."""
        if self.made_of is not self.theta:
            with np.errstate(divide="ignore"):
                self.lookup = self.type.lookup(self.theta)
            self.made_of = self.theta
        return self.lookup

    def codes(self, lookup: np.ndarray, x: np.ndarray) -> np.ndarray:
        """Column of ``lookup`` for each value of ``x``; the last one where it is NaN."""
        seen = ~np.isnan(x)
        codes = self.type.codes(self.theta, self.support, np.where(seen, x, 0.0))
        if not seen.all():
            codes[~seen] = lookup.shape[1] - 1
        return codes

    def log_prob(self, x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
        """Log values of the leaves, shape (leaves, rows); 0 where ``x`` is NaN (marginalised)."""
        lookup = self.refreshed()
        if lookup is not None:
            # mode="clip" (the codes are in range): with the default, numpy buffers the output and copies it.
            return np.take(lookup, self.codes(lookup, x), axis=1, out=out, mode="clip")
        seen = ~np.isnan(x)
        values = self.type.log_values(self.theta, np.where(seen, x, 0.0))
        if not seen.all():
            values[:, ~seen] = 0.0
        if out is None:
            return values
        out[...] = values
        return out

    def raw_grad(self, x: np.ndarray, gl: np.ndarray) -> np.ndarray:
        """:meth:`Leaf.raw_grad` from the derivatives ``gl`` (leaves, rows) of the log values at ``x``."""
        seen = ~np.isnan(x)
        return self.type.raw_grad(self.theta, self.support, np.where(seen, x, 0.0), np.where(seen, gl, 0.0))


_PARAM_NAMES: dict[type[Leaf], tuple[tuple[str, bool], ...]] = {}


def _param_names(cls: type[Leaf]) -> tuple[tuple[str, bool], ...]:
    # once per kind: dataclasses.fields is slow for the thousands of leaves a model file holds
    if cls not in _PARAM_NAMES:
        _PARAM_NAMES[cls] = tuple(
            (f.name, f.type in ("float", float)) for f in fields(cls) if f.name != "var"
        )
    return _PARAM_NAMES[cls]


def _value_levels(x: np.ndarray, cap: int | None) -> np.ndarray:
    """Test levels of a column of integer values: each distinct value (above ``cap`` one level), up to 8."""
    codes = np.rint(x).astype(np.int64)
    _, inv = np.unique(codes if cap is None else np.minimum(codes, cap), return_inverse=True)
    levels: np.ndarray = np.minimum(inv, 7)
    return levels


class _Scalars(Leaf):
    """A kind whose parameters are numbers: theta is (leaves, parameters)."""

    #: The spflow leaf of the kind, and which of its arguments each parameter is (in field order).
    SPFLOW: ClassVar[tuple[str, tuple[str, ...]]] = ("", ())

    @classmethod
    def stack(cls, leaves: list[Leaf]) -> tuple[np.ndarray, np.ndarray | None]:
        return np.array([[getattr(leaf, name) for name, _ in cls.param_names()] for leaf in leaves]), None

    def to_spflow(self, sp: Spflow) -> Any:
        name, args = self.SPFLOW
        values = (sp.tensor(getattr(self, p)).reshape(1, 1, 1) for p, _ in self.param_names())
        return getattr(sp.leaves, name)(sp.scope([self.var]), **dict(zip(args, values, strict=True)))


@dataclass
class Bernoulli(_Scalars):
    """P(x = 1) = ``p`` (values above 0.5 count as 1). theta: (leaves, 1) of ``p``; free: the logit."""

    p: float = 0.5
    kind: ClassVar[str] = "bernoulli"
    # spflow gives NaN for p exactly 0 or 1, which a smoothed leaf never has.
    SPFLOW = ("Bernoulli", ("probs",))

    @classmethod
    def fit_observed(cls, var: int, x: np.ndarray, spec: Var, smoothing: float) -> Bernoulli:
        return cls(var, float((np.sum(x > 0.5) + smoothing) / (len(x) + 2 * smoothing)))

    @classmethod
    def test_levels(cls, x: np.ndarray) -> np.ndarray:
        return _value_levels(x, None)

    @classmethod
    def lookup(cls, theta: np.ndarray) -> np.ndarray:
        return np.hstack([np.log1p(-theta), np.log(theta), np.zeros((len(theta), 1))])

    @classmethod
    def codes(cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray) -> np.ndarray:
        codes: np.ndarray = (xs > 0.5).astype(np.intp)
        return codes

    def free(self) -> np.ndarray:
        return np.array([np.log(self.p) - np.log1p(-self.p)])

    def set_free(self, t: np.ndarray) -> None:
        self.p = float(np.clip(expit(t[0]), 1e-12, 1 - 1e-12))

    @classmethod
    def from_free(cls, t: np.ndarray, support: np.ndarray | None) -> np.ndarray:
        theta: np.ndarray = expit(t)
        return theta

    @classmethod
    def raw_grad(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray, gl: np.ndarray
    ) -> np.ndarray:
        p = theta[:, :1]
        grad: np.ndarray = np.sum(gl * np.where(xs > 0.5, 1.0 - p, -p), axis=1, keepdims=True)
        return grad

    @classmethod
    def invalid(cls, params: dict[str, Any]) -> str | None:
        return None if 0 < params["p"] < 1 else "Bernoulli p must be in (0, 1)"


class _Binned(Leaf):
    """A kind whose log values are a table over bins (one column per leaf), softmax-normalised in free form.

    theta: (bins, leaves) log values; free: log bin probabilities. Subclasses say which bin a value falls in
    (:meth:`bins`) and how a bin probability becomes a log value.
    """

    @classmethod
    def bins(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The bin of each value, and which values fall inside the bins (None: all, by clamping)."""
        raise NotImplementedError  # pragma: no cover - abstract

    @classmethod
    def raw_grad(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray, gl: np.ndarray
    ) -> np.ndarray:
        # (bins, leaves), with respect to the log values: free_grad turns it into the softmax's derivative.
        n_leaves, n_bins = gl.shape[0], len(theta)
        idx, inside = cls.bins(theta, support, xs)
        if inside is not None:
            gl = np.where(inside, gl, 0.0)
        flat = (np.arange(n_leaves)[:, None] * n_bins + idx[None, :]).ravel()
        grad: np.ndarray = (
            np.bincount(flat, weights=gl.ravel(), minlength=n_leaves * n_bins).reshape(n_leaves, n_bins).T
        )
        return grad

    @classmethod
    def free_grad(cls, t: np.ndarray, raw: np.ndarray) -> np.ndarray:
        raw = raw.T  # (leaves, bins), with respect to log probabilities taken as free
        prob = softmax(t, axis=1)
        grad: np.ndarray = raw - prob * raw.sum(axis=1, keepdims=True)
        return grad


@dataclass
class Categorical(_Binned):
    """P(x = k) = ``probs[k]`` for k = 0..K-1 (values rounded); values outside the range get the smallest
    probability."""

    probs: np.ndarray = None  # type: ignore[assignment]
    kind: ClassVar[str] = "categorical"

    @classmethod
    def fit_observed(cls, var: int, x: np.ndarray, spec: Var, smoothing: float) -> Categorical:
        n_values = spec.n_values
        x = x.astype(np.int64).clip(0, n_values - 1)
        counts = np.bincount(x, minlength=n_values) + smoothing
        return cls(var, counts / counts.sum())

    @classmethod
    def check_var(cls, spec: Var) -> None:
        if not 2 <= spec.n_values <= 1000:
            raise InvalidParameterError(f"variable {spec.name}: categorical needs 2..1000 values")

    @classmethod
    def test_levels(cls, x: np.ndarray) -> np.ndarray:
        return _value_levels(x, None)

    @classmethod
    def group_key(cls, leaf: Leaf) -> tuple[object, ...]:
        assert isinstance(leaf, Categorical)  # asked of its own kind only
        return (len(leaf.probs),)

    @classmethod
    def stack(cls, leaves: list[Leaf]) -> tuple[np.ndarray, np.ndarray | None]:
        return np.log(np.column_stack([leaf.probs for leaf in leaves if isinstance(leaf, Categorical)])), None

    @classmethod
    def lookup(cls, theta: np.ndarray) -> np.ndarray:
        # a code per category, one for values outside them (the smallest probability), one for NaN
        return np.hstack([theta.T, theta.min(axis=0)[:, None], np.zeros((theta.shape[1], 1))])

    @classmethod
    def bins(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray | None]:
        n = len(theta)
        k = np.rint(xs).astype(np.int64)
        return k.clip(0, n - 1), (k >= 0) & (k < n)

    @classmethod
    def codes(cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray) -> np.ndarray:
        codes, inside = cls.bins(theta, support, xs)
        assert inside is not None  # categories never clamp
        out: np.ndarray = np.where(inside, codes, len(theta))
        return out

    def free(self) -> np.ndarray:
        free: np.ndarray = np.log(self.probs)
        return free

    def set_free(self, t: np.ndarray) -> None:
        self.probs = positive_simplex(t)

    @classmethod
    def from_free(cls, t: np.ndarray, support: np.ndarray | None) -> np.ndarray:
        theta: np.ndarray = log_softmax(t, axis=1).T
        return theta

    @classmethod
    def invalid(cls, params: dict[str, Any]) -> str | None:
        probs = params["probs"]
        return None if np.all(probs > 0) and abs(probs.sum() - 1) < 1e-6 else "bad categorical probs"

    def mismatch(self, spec: Var) -> str | None:
        return (
            None if len(self.probs) == spec.n_values else f"{spec.name!r} has the wrong number of categories"
        )

    def to_spflow(self, sp: Spflow) -> Any:
        return sp.leaves.Categorical(sp.scope([self.var]), probs=sp.tensor(self.probs).reshape(1, 1, 1, -1))


@dataclass
class Histogram(_Binned):
    """Piecewise-constant density on ``edges``; values outside are clamped into the first or last bin.

    theta: (bins, leaves) log densities; support: the edges the group shares; free: log bin probabilities
    (a density is the bin probability over the bin width).
    """

    edges: np.ndarray = None  # type: ignore[assignment]
    densities: np.ndarray = None  # type: ignore[assignment]
    kind: ClassVar[str] = "histogram"

    @classmethod
    def fit_observed(cls, var: int, x: np.ndarray, spec: Var, smoothing: float) -> Histogram:
        edges = spec.edges
        counts = np.histogram(np.clip(x, edges[0], edges[-1]), bins=edges)[0] + smoothing
        return cls(var, edges, counts / counts.sum() / np.diff(edges))

    @classmethod
    def check_var(cls, spec: Var) -> None:
        if not (spec.hi > spec.lo and 1 <= spec.bins <= 1000):
            raise InvalidParameterError(f"variable {spec.name}: histogram needs lo < hi and 1..1000 bins")

    @classmethod
    def group_key(cls, leaf: Leaf) -> tuple[object, ...]:
        assert isinstance(leaf, Histogram)  # asked of its own kind only
        return (leaf.edges.tobytes(),)

    @classmethod
    def stack(cls, leaves: list[Leaf]) -> tuple[np.ndarray, np.ndarray | None]:
        hists = [leaf for leaf in leaves if isinstance(leaf, Histogram)]
        return np.log(np.column_stack([h.densities for h in hists])), hists[0].edges

    @classmethod
    def lookup(cls, theta: np.ndarray) -> np.ndarray:
        return np.hstack([theta.T, np.zeros((theta.shape[1], 1))])

    @classmethod
    def bins(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray | None]:
        assert support is not None  # a histogram group's edges
        return (np.searchsorted(support, xs, side="right") - 1).clip(0, len(theta) - 1), None

    @classmethod
    def codes(cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray) -> np.ndarray:
        return cls.bins(theta, support, xs)[0]

    def free(self) -> np.ndarray:
        free: np.ndarray = np.log(self.densities * np.diff(self.edges))
        return free

    def set_free(self, t: np.ndarray) -> None:
        self.densities = positive_simplex(t) / np.diff(self.edges)

    @classmethod
    def from_free(cls, t: np.ndarray, support: np.ndarray | None) -> np.ndarray:
        assert support is not None
        theta: np.ndarray = (log_softmax(t, axis=1) - np.log(np.diff(support))).T
        return theta

    @classmethod
    def invalid(cls, params: dict[str, Any]) -> str | None:
        edges, dens = params["edges"], params["densities"]
        if len(edges) != len(dens) + 1 or not np.all(np.diff(edges) > 0):
            return "bad histogram"
        mass = float(np.sum(dens * np.diff(edges)))
        return None if np.all(dens > 0) and abs(mass - 1) < 1e-6 else "histogram mass must be 1"

    def to_spflow(self, sp: Spflow) -> Any:
        # spflow's support is [first edge, last edge): the last edge moves one float up, so that the values
        # ours clamps into the last bin stay inside.
        edges = self.edges.astype(np.float64).copy()
        edges[-1] = np.nextafter(edges[-1], np.inf)
        probs = self.densities * np.diff(self.edges)
        h = sp.leaves.Histogram(
            sp.scope([self.var]), bin_edges=sp.tensor(edges), probs=sp.tensor(probs).reshape(1, 1, 1, -1)
        )
        h.bin_edges = sp.tensor(edges)  # the constructor rounds edges to float32
        return h


@dataclass
class Gaussian(_Scalars):
    """Normal density with ``mean`` and ``std`` (the fitted std is floored at ``MIN_STD``).

    theta: (leaves, 2) of (mean, std); free: (mean, log std).
    """

    mean: float = 0.0
    std: float = 1.0
    kind: ClassVar[str] = "gaussian"
    SPFLOW = ("Normal", ("loc", "scale"))
    MIN_STD: ClassVar[float] = 0.05

    @classmethod
    def fit_observed(cls, var: int, x: np.ndarray, spec: Var, smoothing: float) -> Gaussian:
        if len(x) == 0:  # no smoothing: the std floor keeps the density finite
            return cls(var, 0.0, 1.0)
        return cls(var, float(x.mean()), float(max(x.std(), cls.MIN_STD)))

    @classmethod
    def log_values(cls, theta: np.ndarray, xs: np.ndarray) -> np.ndarray:
        mean, std = theta[:, :1], theta[:, 1:]
        z = (xs - mean) / std
        values: np.ndarray = -0.5 * z * z - (np.log(std) + 0.5 * np.log(2 * np.pi))
        return values

    @classmethod
    def coefficients(cls, theta: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
        mean, std = theta[:, 0], theta[:, 1]
        # Centred on the leaves' means so the expanded square does not cancel digits away.
        centre, scale = float(mean.mean()), float(std.mean())
        a, b = scale / std, (centre - mean) / std  # z = a·u + b
        return np.column_stack([-0.5 * a * a, -a * b, -0.5 * b * b - np.log(std) - _HALF_LOG_2PI]), (
            centre,
            scale,
        )

    @classmethod
    def features(cls, xs: np.ndarray, centre: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        u = (xs - centre[0]) / centre[1]
        return u * u, u

    def free(self) -> np.ndarray:
        return np.array([self.mean, np.log(self.std)])

    def set_free(self, t: np.ndarray) -> None:
        self.mean, self.std = float(t[0]), float(max(np.exp(t[1]), self.MIN_STD))

    @classmethod
    def from_free(cls, t: np.ndarray, support: np.ndarray | None) -> np.ndarray:
        return np.column_stack([t[:, 0], np.maximum(np.exp(t[:, 1]), cls.MIN_STD)])

    @classmethod
    def raw_grad(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray, gl: np.ndarray
    ) -> np.ndarray:
        z = (xs - theta[:, :1]) / theta[:, 1:]
        return np.column_stack([np.sum(gl * z / theta[:, 1:], axis=1), np.sum(gl * (z * z - 1.0), axis=1)])

    @classmethod
    def invalid(cls, params: dict[str, Any]) -> str | None:
        ok = 0 < params["std"] < 1e12 and abs(params["mean"]) < 1e12
        return None if ok else "bad Gaussian parameters"


@dataclass
class Poisson(_Scalars):
    """Poisson probability of a count (non-integers are rounded, negatives clamped to 0).

    theta: (leaves, 1) of the rate; free: the log rate.
    """

    rate: float = 1.0
    kind: ClassVar[str] = "poisson"
    SPFLOW = ("Poisson", ("rate",))

    @classmethod
    def fit_observed(cls, var: int, x: np.ndarray, spec: Var, smoothing: float) -> Poisson:
        return cls(var, float((x.clip(0).sum() + smoothing) / (len(x) + 1.0)))

    @classmethod
    def test_levels(cls, x: np.ndarray) -> np.ndarray:
        return _value_levels(x, 7)

    @classmethod
    def log_values(cls, theta: np.ndarray, xs: np.ndarray) -> np.ndarray:
        rate = theta[:, :1]
        k = np.rint(xs).clip(0)
        values: np.ndarray = k * np.log(rate) - (rate + gammaln(k + 1))
        return values

    @classmethod
    def coefficients(cls, theta: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
        rate = theta[:, 0]
        return np.column_stack([np.log(rate), -np.ones_like(rate), -rate]), (0.0, 1.0)

    @classmethod
    def features(cls, xs: np.ndarray, centre: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
        k = np.rint(xs).clip(0)
        return k, gammaln(k + 1)

    def free(self) -> np.ndarray:
        return np.array([np.log(self.rate)])

    def set_free(self, t: np.ndarray) -> None:
        self.rate = float(np.exp(t[0]))

    @classmethod
    def from_free(cls, t: np.ndarray, support: np.ndarray | None) -> np.ndarray:
        theta: np.ndarray = np.exp(t)
        return theta

    @classmethod
    def raw_grad(
        cls, theta: np.ndarray, support: np.ndarray | None, xs: np.ndarray, gl: np.ndarray
    ) -> np.ndarray:
        k = np.rint(xs).clip(0)
        grad: np.ndarray = np.sum(gl * (k - theta[:, :1]), axis=1, keepdims=True)
        return grad

    @classmethod
    def invalid(cls, params: dict[str, Any]) -> str | None:
        return None if 0 < params["rate"] < 1e12 else "Poisson rate must be positive"


LEAF_TYPES: dict[str, type[Leaf]] = {
    c.kind: c for c in (Bernoulli, Categorical, Histogram, Gaussian, Poisson)
}
