"""Declared constraints on parameters, checked at the API boundary (as scikit-learn's estimators do).

>>> check("n_estimators", 2.7, [Interval(int, 1, None)])
Traceback (most recent call last):
...
tflm.errors.InvalidParameterError: n_estimators must be an int in [1, inf); got 2.7
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tflm.errors import InvalidParameterError


@dataclass(frozen=True)
class Interval:
    """A number of type ``kind`` (``int`` or ``float``) between ``low`` and ``high`` (None: unbounded).

    ``int`` takes Python and numpy integers but never ``bool`` or a float such as 2.0, which ``int()`` would
    silently truncate; ``float`` takes any real number except ``bool`` and NaN.
    """

    kind: type
    low: float | None = None
    high: float | None = None
    closed: str = "both"  # which ends belong to the interval: "both", "left", "right" or "neither"

    def accepts(self, value: Any) -> bool:
        if isinstance(value, bool):
            return False
        if self.kind is int:
            if not isinstance(value, numbers.Integral):
                return False
        elif not isinstance(value, numbers.Real) or value != value:  # NaN
            return False
        low_ok = self.low is None or (
            value >= self.low if self.closed in ("both", "left") else value > self.low
        )
        high_ok = self.high is None or (
            value <= self.high if self.closed in ("both", "right") else value < self.high
        )
        return low_ok and high_ok

    def __str__(self) -> str:
        left = "[" if self.closed in ("both", "left") and self.low is not None else "("
        right = "]" if self.closed in ("both", "right") and self.high is not None else ")"
        low = "-inf" if self.low is None else f"{self.low:g}"
        high = "inf" if self.high is None else f"{self.high:g}"
        return f"{'an int' if self.kind is int else 'a number'} in {left}{low}, {high}{right}"


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values."""

    values: tuple[Any, ...]

    def accepts(self, value: Any) -> bool:
        return isinstance(value, str | int | float | type(None)) and value in self.values

    def __str__(self) -> str:
        return "one of " + ", ".join(repr(v) for v in self.values)


@dataclass(frozen=True)
class InstanceOf:
    """An instance of ``kind``."""

    kind: type

    def accepts(self, value: Any) -> bool:
        return isinstance(value, self.kind)

    def __str__(self) -> str:
        return f"a {self.kind.__name__}"


Constraint = Interval | Options | InstanceOf | None  # None: the value None is allowed


def check(name: str, value: Any, constraints: Iterable[Constraint]) -> None:
    """Raise :class:`~tflm.errors.InvalidParameterError` unless ``value`` meets one of ``constraints``."""
    constraints = list(constraints)
    if any(value is None if c is None else c.accepts(value) for c in constraints):
        return
    allowed = " or ".join("None" if c is None else str(c) for c in constraints)
    raise InvalidParameterError(f"{name} must be {allowed}; got {value!r}")


def check_all(values: Mapping[str, Any], constraints: Mapping[str, Iterable[Constraint]]) -> None:
    """:func:`check` every entry of ``values`` against its declared constraints."""
    for name, value in values.items():
        check(name, value, constraints[name])
