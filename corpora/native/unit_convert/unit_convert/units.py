"""Unit definitions as (scale, offset) relative to SI plus a dimension vector."""
from __future__ import annotations

from dataclasses import dataclass

# Dimension vectors are (length, mass, time, temperature) exponents.
Dim = tuple[int, int, int, int]
LENGTH: Dim = (1, 0, 0, 0)
MASS: Dim = (0, 1, 0, 0)
TIME: Dim = (0, 0, 1, 0)
TEMPERATURE: Dim = (0, 0, 0, 1)
DIMENSION_NAMES = ("length", "mass", "time", "temperature")


class DimensionError(ValueError):
    """Raised when units of different dimensions are combined or converted."""


@dataclass(frozen=True)
class Unit:
    symbol: str
    dim: Dim
    scale: float  # SI value of one unit
    offset: float = 0.0  # SI value of the unit's zero (only temperatures)

    @property
    def is_offset(self) -> bool:
        return self.offset != 0.0

    def to_si(self, value: float) -> float:
        return value * self.scale + self.offset

    def from_si(self, value: float) -> float:
        return (value - self.offset) / self.scale

    def _require_plain(self, other: Unit) -> None:
        if self.is_offset or other.is_offset:
            raise DimensionError("offset units cannot be combined")

    def __mul__(self, other: Unit) -> Unit:
        self._require_plain(other)
        dim = tuple(a + b for a, b in zip(self.dim, other.dim))
        return Unit(f"{self.symbol}*{other.symbol}", dim, self.scale * other.scale)

    def __truediv__(self, other: Unit) -> Unit:
        self._require_plain(other)
        dim = tuple(a - b for a, b in zip(self.dim, other.dim))
        return Unit(f"{self.symbol}/{other.symbol}", dim, self.scale / other.scale)

    def power(self, exponent: int) -> Unit:
        if exponent == 1:
            return self
        if self.is_offset:
            raise DimensionError("offset units cannot be raised to a power")
        dim = tuple(a * exponent for a in self.dim)
        return Unit(f"{self.symbol}^{exponent}", dim, self.scale ** exponent)


def describe(dim: Dim) -> str:
    """Human readable dimension, e.g. 'length/time^2'."""
    num = []
    den = []
    for name, exp in zip(DIMENSION_NAMES, dim):
        if exp == 0:
            continue
        target = num if exp > 0 else den
        target.append(name if abs(exp) == 1 else f"{name}^{abs(exp)}")
    text = "*".join(num) or "1"
    if den:
        text += "/" + "/".join(den)
    return text


_F_SCALE = 5 / 9

UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in (
        Unit("m", LENGTH, 1.0),
        Unit("km", LENGTH, 1000.0),
        Unit("cm", LENGTH, 0.01),
        Unit("mm", LENGTH, 0.001),
        Unit("in", LENGTH, 0.0254),
        Unit("ft", LENGTH, 0.3048),
        Unit("mi", LENGTH, 1609.344),
        Unit("g", MASS, 0.001),
        Unit("kg", MASS, 1.0),
        Unit("lb", MASS, 0.45359237),
        Unit("oz", MASS, 0.45359237 / 16),
        Unit("s", TIME, 1.0),
        Unit("min", TIME, 60.0),
        Unit("h", TIME, 3600.0),
        Unit("day", TIME, 86400.0),
        Unit("K", TEMPERATURE, 1.0),
        Unit("C", TEMPERATURE, 1.0, 273.15),
        Unit("F", TEMPERATURE, _F_SCALE, 273.15 - 32 * _F_SCALE),
    )
}
