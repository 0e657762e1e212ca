"""Exact rational numbers with normalised representation."""

from __future__ import annotations

from math import gcd


class Rational:
    """A fraction numerator/denominator kept in lowest terms with a positive denominator."""

    __slots__ = ("num", "den")

    def __init__(self, num: int, den: int = 1) -> None:
        if den == 0:
            raise ZeroDivisionError("denominator must be non-zero")
        if den < 0:
            num, den = -num, -den
        g = gcd(num, den)
        self.num = num // g
        self.den = den // g

    @classmethod
    def from_string(cls, text: str) -> Rational:
        """Parse "3/4", "-7/2", " 5 " or a mixed number like "1 1/2"."""
        parts = text.strip().split()
        if len(parts) == 2:
            whole = int(parts[0])
            frac = cls.from_string(parts[1])
            if frac.num < 0:
                raise ValueError(f"invalid mixed number: {text!r}")
            return whole - frac if whole < 0 else whole + frac
        if len(parts) != 1:
            raise ValueError(f"invalid rational: {text!r}")
        token = parts[0]
        if "/" in token:
            top, _, bottom = token.partition("/")
            return cls(int(top), int(bottom))
        return cls(int(token))

    @staticmethod
    def _coerce(other: object) -> Rational | None:
        if isinstance(other, int):
            return Rational(other)
        return other if isinstance(other, Rational) else None

    def __add__(self, other: object) -> Rational:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return Rational(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __neg__(self) -> Rational:
        return Rational(-self.num, self.den)

    def __sub__(self, other: object) -> Rational:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return Rational(self.num * o.den - o.num * self.den, self.den * o.den)

    def __rsub__(self, other: object) -> Rational:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o - self

    def __mul__(self, other: object) -> Rational:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return Rational(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Rational:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return Rational(self.num * o.den, self.den * o.num)

    def __rtruediv__(self, other: object) -> Rational:
        o = self._coerce(other)
        if o is None:
            return NotImplemented
        return o / self

    def __abs__(self) -> Rational:
        return Rational(abs(self.num), self.den)

    def _cmp(self, other: object) -> int | None:
        o = self._coerce(other)
        if o is None:
            return None
        diff = self.num * o.den - o.num * self.den
        return (diff > 0) - (diff < 0)

    def __eq__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c == 0

    def __lt__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c < 0

    def __le__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c <= 0

    def __gt__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c > 0

    def __ge__(self, other: object) -> bool:
        c = self._cmp(other)
        return NotImplemented if c is None else c >= 0

    def __hash__(self) -> int:
        if self.den == 1:
            return hash(self.num)
        return hash((self.num, self.den))

    def __float__(self) -> float:
        return self.num / self.den

    def __repr__(self) -> str:
        return f"Rational({self.num}, {self.den})"

    def __str__(self) -> str:
        if self.den == 1:
            return str(self.num)
        return f"{self.num}/{self.den}"

    def to_mixed(self) -> str:
        """Render as a mixed number, e.g. 7/2 -> "3 1/2", -7/2 -> "-3 1/2"."""
        sign = "-" if self.num < 0 else ""
        whole, rem = divmod(abs(self.num), self.den)
        if rem == 0:
            return f"{sign}{whole}"
        if whole == 0:
            return f"{sign}{rem}/{self.den}"
        return f"{sign}{whole} {rem}/{self.den}"

    def continued_fraction(self) -> list[int]:
        """Return the finite continued-fraction terms [a0; a1, a2, ...]."""
        terms: list[int] = []
        num, den = self.num, self.den
        while den != 0:
            q = num // den
            terms.append(q)
            num, den = den, num - q * den
        return terms

    @classmethod
    def from_continued_fraction(cls, terms: list[int]) -> Rational:
        if not terms:
            raise ValueError("need at least one term")
        value = cls(terms[-1])
        for a in reversed(terms[:-1]):
            value = a + 1 / value
        return value

    def limit_denominator(self, max_den: int) -> Rational:
        """Closest rational to self whose denominator is at most max_den."""
        if max_den < 1:
            raise ValueError("max_den must be at least 1")
        if self.den <= max_den:
            return self
        p0, q0, p1, q1 = 0, 1, 1, 0
        num, den = self.num, self.den
        while True:
            a = num // den
            q2 = q0 + a * q1
            if q2 > max_den:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            num, den = den, num - a * den
        k = (max_den - q0) // q1
        semi = Rational(p0 + k * p1, q0 + k * q1)
        convergent = Rational(p1, q1)
        if abs(convergent - self) <= abs(semi - self):
            return convergent
        return semi
