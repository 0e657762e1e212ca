"""Parsing of unit expressions ("km/h", "m/s^2") and quantities ("3.5 km")."""
from __future__ import annotations

from .units import UNITS, Unit


class ParseError(ValueError):
    """Raised for text that is not a valid unit or quantity."""


def _parse_factor(token: str) -> Unit:
    symbol, caret, exp_text = token.partition("^")
    if symbol not in UNITS:
        raise ParseError(f"unknown unit {symbol!r}")
    if not caret:
        return UNITS[symbol]
    sign = -1 if exp_text.startswith("-") else 1
    digits = exp_text.lstrip("-")
    if not digits.isdigit() or int(digits) == 0:
        raise ParseError(f"bad exponent in {token!r}")
    return UNITS[symbol].power(sign * int(digits))


def parse_unit(text: str) -> Unit:
    """Parse a product/quotient of units, evaluated left to right."""
    expr = text.replace(" ", "")
    if not expr:
        raise ParseError("empty unit")
    result: Unit | None = None
    op = "*"
    token = ""
    for ch in expr + "*":
        if ch not in "*/":
            token += ch
            continue
        if not token:
            raise ParseError(f"missing unit in {text!r}")
        factor = _parse_factor(token)
        if result is None:
            result = factor
        elif op == "*":
            result = result * factor
        else:
            result = result / factor
        op = ch
        token = ""
    return result


def parse_number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ParseError(f"bad number {text!r}") from None


def parse_quantity(text: str) -> tuple[float, Unit]:
    """Split '3.5 km' or '-40F' into a number and a unit."""
    stripped = text.strip()
    end = 0
    while end < len(stripped) and (stripped[end].isdigit() or stripped[end] in "+-.eE"):
        if stripped[end] in "eE" and (end == 0 or not stripped[end - 1].isdigit()):
            break
        end += 1
    number_text, unit_text = stripped[:end], stripped[end:].strip()
    if not number_text:
        raise ParseError(f"missing number in {text!r}")
    if not unit_text:
        raise ParseError(f"missing unit in {text!r}")
    return parse_number(number_text), parse_unit(unit_text)
