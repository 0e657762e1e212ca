"""Dense univariate polynomials with int or float coefficients."""

from __future__ import annotations

Number = int | float


class Polynomial:
    """Coefficients are stored lowest degree first: [c0, c1, c2] is c0 + c1*x + c2*x^2."""

    def __init__(self, coeffs: list[Number] | tuple[Number, ...] = ()) -> None:
        trimmed = list(coeffs)
        while trimmed and trimmed[-1] == 0:
            trimmed.pop()
        self.coeffs = trimmed

    @property
    def degree(self) -> int:
        """Degree of the polynomial; the zero polynomial has degree -1."""
        return len(self.coeffs) - 1

    def is_zero(self) -> bool:
        return not self.coeffs

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (int, float)):
            other = Polynomial([other])
        if not isinstance(other, Polynomial):
            return NotImplemented
        return self.coeffs == other.coeffs

    def __repr__(self) -> str:
        return f"Polynomial({self.coeffs})"

    @staticmethod
    def _lift(value: object) -> Polynomial | None:
        if isinstance(value, (int, float)):
            return Polynomial([value])
        return value if isinstance(value, Polynomial) else None

    def __add__(self, other: object) -> Polynomial:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        out = list(self.coeffs)
        for i, c in enumerate(o.coeffs):
            if i < len(out):
                out[i] += c
            else:
                out.append(c)
        return Polynomial(out)

    __radd__ = __add__

    def __neg__(self) -> Polynomial:
        return Polynomial([-c for c in self.coeffs])

    def __sub__(self, other: object) -> Polynomial:
        return self + (-other)

    def __rsub__(self, other: object) -> Polynomial:
        return (-self) + other

    def __mul__(self, other: object) -> Polynomial:
        o = self._lift(other)
        if o is None:
            return NotImplemented
        out: list[Number] = []
        for i, a in enumerate(self.coeffs):
            for j, b in enumerate(o.coeffs):
                if i + j < len(out):
                    out[i + j] += a * b
                else:
                    out.append(a * b)
        return Polynomial(out)

    __rmul__ = __mul__

    def __call__(self, x: Number) -> Number:
        """Evaluate with Horner's scheme."""
        result = 0
        for c in reversed(self.coeffs):
            result = result * x + c
        return result

    def derivative(self) -> Polynomial:
        return Polynomial([i * c for i, c in enumerate(self.coeffs)][1:])

    def integral(self, constant: Number = 0) -> Polynomial:
        terms = [constant]
        for i, c in enumerate(self.coeffs):
            if isinstance(c, int) and c % (i + 1) == 0:
                terms.append(c // (i + 1))
            else:
                terms.append(c / (i + 1))
        return Polynomial(terms)

    def definite_integral(self, a: Number, b: Number) -> Number:
        anti = self.integral()
        return anti(b) - anti(a)

    def divmod(self, divisor: Polynomial) -> tuple[Polynomial, Polynomial]:
        """Polynomial long division: returns (quotient, remainder)."""
        if divisor.is_zero():
            raise ZeroDivisionError("polynomial division by zero")
        rem = list(self.coeffs)
        dd = divisor.degree
        lead = divisor.coeffs[-1]
        quot: list[Number] = []
        for shift in range(len(rem) - dd - 1, -1, -1):
            top = rem[shift + dd]
            if isinstance(top, int) and isinstance(lead, int) and top % lead == 0:
                factor = top // lead
            else:
                factor = top / lead
            quot.append(factor)
            for k, c in enumerate(divisor.coeffs):
                rem[shift + k] -= factor * c
        return Polynomial(quot[::-1]), Polynomial(rem[:dd])

    def __floordiv__(self, other: Polynomial) -> Polynomial:
        return self.divmod(other)[0]

    def __mod__(self, other: Polynomial) -> Polynomial:
        return self.divmod(other)[1]

    def __str__(self) -> str:
        if self.is_zero():
            return "0"
        pieces: list[str] = []
        for power in range(self.degree, -1, -1):
            c = self.coeffs[power]
            if c == 0:
                continue
            magnitude = abs(c)
            if magnitude == 1 and power > 0:
                body = ""
            else:
                body = f"{magnitude:g}" if isinstance(magnitude, float) else str(magnitude)
            if power > 1:
                body += f"x^{power}"
            elif power == 1:
                body += "x"
            if not pieces:
                pieces.append(f"-{body}" if c < 0 else body)
            else:
                pieces.append(f"- {body}" if c < 0 else f"+ {body}")
        return " ".join(pieces)

    def newton_root(self, guess: float, tol: float = 1e-12, max_iter: int = 100) -> float:
        """Find a root near ``guess`` with Newton's method."""
        slope_poly = self.derivative()
        x = guess
        for _ in range(max_iter):
            fx = self(x)
            if abs(fx) <= tol:
                return x
            step = fx / slope_poly(x)  # ZeroDivisionError on a flat tangent
            x -= step
            if abs(step) <= tol:
                return x
        raise ArithmeticError(f"Newton's method did not converge in {max_iter} iterations")
