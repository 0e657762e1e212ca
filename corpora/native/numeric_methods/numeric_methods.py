"""Classic numerical methods: root finding, quadrature, fixed points and ODE steppers."""

from __future__ import annotations

from collections.abc import Callable

Func = Callable[[float], float]
ODE = Callable[[float, float], float]


class ConvergenceError(ArithmeticError):
    """Raised when an iterative method fails to reach the requested tolerance."""

    def __init__(self, method: str, iterations: int, last: float) -> None:
        super().__init__(f"{method} did not converge after {iterations} iterations (last={last})")
        self.method = method
        self.iterations = iterations
        self.last = last


def bisection(f: Func, a: float, b: float, tol: float = 1e-10, max_iter: int = 200) -> float:
    """Root of f in [a, b]; f(a) and f(b) must have opposite signs (or one be zero)."""
    fa, fb = f(a), f(b)
    if fa == 0:
        return a
    if fb == 0:
        return b
    if fa * fb > 0:
        raise ValueError("f(a) and f(b) must have opposite signs")
    for _ in range(max_iter):
        mid = (a + b) / 2
        fm = f(mid)
        if fm == 0 or (b - a) / 2 < tol:
            return mid
        if fa * fm < 0:
            b = mid
        else:
            a, fa = mid, fm
    raise ConvergenceError("bisection", max_iter, (a + b) / 2)


def newton(f: Func, df: Func, x0: float, tol: float = 1e-12, max_iter: int = 50) -> float:
    x = x0
    for _ in range(max_iter):
        step = f(x) / df(x)  # a vanishing derivative raises ZeroDivisionError
        x -= step
        if abs(step) < tol:
            return x
    raise ConvergenceError("newton", max_iter, x)


def secant(f: Func, x0: float, x1: float, tol: float = 1e-12, max_iter: int = 50) -> float:
    """Secant iteration; equal function values at the two latest points raise ZeroDivisionError."""
    f0, f1 = f(x0), f(x1)
    for _ in range(max_iter):
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        if abs(x2 - x1) < tol:
            return x2
        x0, f0 = x1, f1
        x1, f1 = x2, f(x2)
    raise ConvergenceError("secant", max_iter, x1)


def fixed_point(g: Func, x0: float, tol: float = 1e-12, max_iter: int = 200) -> float:
    """Iterate x = g(x) until successive values differ by less than tol."""
    x = x0
    for _ in range(max_iter):
        nxt = g(x)
        if abs(nxt - x) < tol:
            return nxt
        x = nxt
    raise ConvergenceError("fixed_point", max_iter, x)


def _check_intervals(n: int) -> None:
    if n < 1:
        raise ValueError("number of intervals must be positive")


def trapezoid(f: Func, a: float, b: float, n: int = 100) -> float:
    _check_intervals(n)
    h = (b - a) / n
    total = (f(a) + f(b)) / 2
    for i in range(1, n):
        total += f(a + i * h)
    return total * h


def simpson(f: Func, a: float, b: float, n: int = 100) -> float:
    """Composite Simpson's rule; n must be even."""
    _check_intervals(n)
    if n % 2:
        raise ValueError("Simpson's rule needs an even number of intervals")
    h = (b - a) / n
    odd = sum(f(a + i * h) for i in range(1, n, 2))
    even = sum(f(a + i * h) for i in range(2, n, 2))
    return (f(a) + f(b) + 4 * odd + 2 * even) * h / 3


def euler(f: ODE, t0: float, y0: float, h: float, steps: int) -> list[tuple[float, float]]:
    """Explicit Euler for y' = f(t, y); returns the trajectory including the start point."""
    if steps < 0:
        raise ValueError("steps must be non-negative")
    t, y = t0, y0
    path = [(t, y)]
    for _ in range(steps):
        y += h * f(t, y)
        t += h
        path.append((t, y))
    return path


def rk4_step(f: ODE, t: float, y: float, h: float) -> float:
    k1 = f(t, y)
    k2 = f(t + h / 2, y + h * k1 / 2)
    k3 = f(t + h / 2, y + h * k2 / 2)
    k4 = f(t + h, y + h * k3)
    return y + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6


def rk4(f: ODE, t0: float, y0: float, h: float, steps: int) -> list[tuple[float, float]]:
    """Classical fourth-order Runge-Kutta; returns the trajectory including the start point."""
    if steps < 0:
        raise ValueError("steps must be non-negative")
    t, y = t0, y0
    path = [(t, y)]
    for _ in range(steps):
        y = rk4_step(f, t, y, h)
        t += h
        path.append((t, y))
    return path
