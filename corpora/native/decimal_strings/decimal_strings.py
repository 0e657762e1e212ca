"""Arbitrary-precision integer arithmetic on decimal digit strings."""

from __future__ import annotations


def _normalize(digits: str) -> str:
    """Drop leading zeros, keeping a single "0" for zero."""
    stripped = digits.lstrip("0")
    return stripped or "0"


def _parse(number: str) -> tuple[bool, str]:
    """Split a signed digit string into (negative, magnitude digits)."""
    text = number.strip()
    negative = text.startswith("-")
    if text and text[0] in "+-":
        text = text[1:]
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"not an integer string: {number!r}")
    magnitude = _normalize(text)
    return negative and magnitude != "0", magnitude


def _signed(negative: bool, magnitude: str) -> str:
    return "-" + magnitude if negative and magnitude != "0" else magnitude


def compare_magnitude(a: str, b: str) -> int:
    """Compare two normalized non-negative digit strings: -1, 0 or 1."""
    key_a, key_b = (len(a), a), (len(b), b)
    return (key_a > key_b) - (key_a < key_b)


def add_magnitude(a: str, b: str) -> str:
    result = []
    carry = 0
    i, j = len(a) - 1, len(b) - 1
    while i >= 0 or j >= 0 or carry:
        total = carry
        if i >= 0:
            total += ord(a[i]) - 48
            i -= 1
        if j >= 0:
            total += ord(b[j]) - 48
            j -= 1
        carry, digit = divmod(total, 10)
        result.append(chr(48 + digit))
    return _normalize("".join(reversed(result)))


def sub_magnitude(a: str, b: str) -> str:
    """a - b for magnitudes with a >= b."""
    if compare_magnitude(a, b) < 0:
        raise ValueError("sub_magnitude requires a >= b")
    result = []
    borrow = 0
    j = len(b) - 1
    for i in range(len(a) - 1, -1, -1):
        diff = ord(a[i]) - 48 - borrow
        if j >= 0:
            diff -= ord(b[j]) - 48
            j -= 1
        if diff < 0:
            diff += 10
            borrow = 1
        else:
            borrow = 0
        result.append(chr(48 + diff))
    return _normalize("".join(reversed(result)))


def mul_magnitude(a: str, b: str) -> str:
    """Schoolbook multiplication."""
    cells = [0] * (len(a) + len(b))
    for i in range(len(a) - 1, -1, -1):
        da = ord(a[i]) - 48
        for j in range(len(b) - 1, -1, -1):
            pos = i + j + 1
            total = cells[pos] + da * (ord(b[j]) - 48)
            cells[pos] = total % 10
            cells[pos - 1] += total // 10
    return _normalize("".join(chr(48 + d) for d in cells))


def compare(a: str, b: str) -> int:
    neg_a, mag_a = _parse(a)
    neg_b, mag_b = _parse(b)
    if neg_a != neg_b:
        return -1 if neg_a else 1
    order = compare_magnitude(mag_a, mag_b)
    return -order if neg_a else order


def add(a: str, b: str) -> str:
    neg_a, mag_a = _parse(a)
    neg_b, mag_b = _parse(b)
    if neg_a == neg_b:
        return _signed(neg_a, add_magnitude(mag_a, mag_b))
    if compare_magnitude(mag_a, mag_b) >= 0:
        return _signed(neg_a, sub_magnitude(mag_a, mag_b))
    return _signed(neg_b, sub_magnitude(mag_b, mag_a))


def negate(a: str) -> str:
    negative, magnitude = _parse(a)
    return _signed(not negative, magnitude)


def subtract(a: str, b: str) -> str:
    return add(a, negate(b))


def multiply(a: str, b: str) -> str:
    neg_a, mag_a = _parse(a)
    neg_b, mag_b = _parse(b)
    return _signed(neg_a != neg_b, mul_magnitude(mag_a, mag_b))


def divmod_small(a: str, divisor: int) -> tuple[str, int]:
    """Floor division by a non-zero machine integer, matching Python's divmod.

    A zero divisor raises ZeroDivisionError.
    """
    negative, magnitude = _parse(a)
    d = abs(divisor)
    quotient = []
    rem = 0
    for ch in magnitude:
        rem = rem * 10 + ord(ch) - 48
        quotient.append(chr(48 + rem // d))
        rem %= d
    q = _normalize("".join(quotient))
    negative_divisor = divisor < 0
    if negative != negative_divisor:
        if rem:
            q = add_magnitude(q, "1")
            rem = d - rem
        q = _signed(True, q)
    return q, -rem if negative_divisor else rem


def power(base: str, exponent: int) -> str:
    """base ** exponent by repeated squaring; exponent must be non-negative."""
    if exponent < 0:
        raise ValueError("negative exponents are not supported")
    negative, magnitude = _parse(base)
    result = "1"
    square = magnitude
    e = exponent
    while e:
        if e & 1:
            result = mul_magnitude(result, square)
        e >>= 1
        square = mul_magnitude(square, square)
    return _signed(negative and exponent % 2 == 1, result)


def format_thousands(number: str, sep: str = ",", group: int = 3) -> str:
    """Insert ``sep`` between groups of ``group`` digits, e.g. "-1234567" -> "-1,234,567"."""
    if group < 1:
        raise ValueError("group size must be positive")
    negative, magnitude = _parse(number)
    head = len(magnitude) % group or group
    chunks = [magnitude[:head]]
    for start in range(head, len(magnitude), group):
        chunks.append(magnitude[start:start + group])
    return _signed(negative, sep.join(chunks))
