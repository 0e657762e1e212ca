"""Conversions between units of the same dimension."""
from __future__ import annotations

from .parser import parse_quantity, parse_unit
from .units import DimensionError, Unit, describe


def _as_unit(unit: Unit | str) -> Unit:
    return parse_unit(unit) if isinstance(unit, str) else unit


def same_dimension(a: Unit | str, b: Unit | str) -> bool:
    return _as_unit(a).dim == _as_unit(b).dim


def convert(value: float, source: Unit | str, target: Unit | str) -> float:
    src = _as_unit(source)
    dst = _as_unit(target)
    if src.dim != dst.dim:
        raise DimensionError(
            f"cannot convert {describe(src.dim)} to {describe(dst.dim)}"
        )
    return dst.from_si(src.to_si(value))


def convert_difference(delta: float, source: Unit | str, target: Unit | str) -> float:
    """Convert an interval (e.g. a temperature change), ignoring offsets."""
    src = _as_unit(source)
    dst = _as_unit(target)
    if src.dim != dst.dim:
        raise DimensionError("incompatible dimensions")
    return delta * src.scale / dst.scale


def convert_quantity(text: str, target: Unit | str) -> float:
    value, unit = parse_quantity(text)
    return convert(value, unit, target)


def format_quantity(value: float, unit: Unit | str, digits: int = 3) -> str:
    """Render with at most `digits` decimals, trimming trailing zeros."""
    symbol = unit if isinstance(unit, str) else unit.symbol
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return f"{text} {symbol}"
