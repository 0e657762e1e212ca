import math

import pytest

import numeric_methods as nm


def sq2(x):
    return x * x - 2


def dsq2(x):
    return 2 * x


# ---- ConvergenceError -------------------------------------------------------

def test_convergence_error_attributes():
    err = nm.ConvergenceError("demo", 7, 1.5)
    assert (err.method, err.iterations, err.last) == ("demo", 7, 1.5)
    assert str(err) == "demo did not converge after 7 iterations (last=1.5)"
    assert isinstance(err, ArithmeticError)


# ---- bisection ----------------------------------------------------------------

def test_bisection_sqrt2():
    assert nm.bisection(sq2, 0, 2, tol=1e-12) == pytest.approx(math.sqrt(2), abs=1e-11)


def test_bisection_exact_midpoint():
    assert nm.bisection(lambda x: x - 0.25, 0, 1) == 0.25


def test_bisection_decreasing_function():
    root = nm.bisection(lambda x: 3 - x, 0, 10, tol=1e-12)
    assert root == pytest.approx(3, abs=1e-11)


def test_bisection_root_at_left_endpoint():
    assert nm.bisection(lambda x: x - 1, 1, 5) == 1


def test_bisection_root_at_right_endpoint():
    assert nm.bisection(lambda x: x - 5, 1, 5) == 5


def test_bisection_same_sign_raises():
    with pytest.raises(ValueError):
        nm.bisection(sq2, 2, 3)


def test_bisection_tolerance_stops_early():
    # half-widths are 1, 0.5, 0.25: the loop stops once the half-width drops strictly below tol
    assert nm.bisection(sq2, 0, 2, tol=0.5) == 1.25


def test_bisection_default_tolerance():
    root = nm.bisection(sq2, 0, 2)
    assert root == pytest.approx(math.sqrt(2), abs=1e-10)
    assert root != pytest.approx(math.sqrt(2), abs=1e-14)


def test_bisection_default_iteration_limit():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.bisection(sq2, 0, 2, tol=0)
    assert info.value.iterations == 200


def test_bisection_small_same_sign_values():
    with pytest.raises(ValueError):
        nm.bisection(lambda x: x - 5, 4.5, 4.9)


def test_bisection_max_iter():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.bisection(sq2, 0, 2, tol=1e-15, max_iter=5)
    assert info.value.iterations == 5
    assert info.value.last == 1.40625


# ---- newton -------------------------------------------------------------------

def test_newton_sqrt2():
    assert nm.newton(sq2, dsq2, 1.0) == pytest.approx(math.sqrt(2), abs=1e-14)


def test_newton_linear_one_step():
    assert nm.newton(lambda x: 2 * x - 6, lambda x: 2, 0.0) == 3.0


def test_newton_step_equal_to_tol_stops():
    # first step from 2 is exactly 0.5; it must not count as converged
    assert nm.newton(sq2, dsq2, 2.0, tol=0.5) == pytest.approx(1.5 - 0.25 / 3)


def test_newton_default_iteration_limit():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.newton(lambda x: x * x + 1, lambda x: 2 * x, 0.5)
    assert info.value.iterations == 50


def test_newton_zero_derivative():
    with pytest.raises(ZeroDivisionError):
        nm.newton(sq2, dsq2, 0.0)


def test_newton_max_iter():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.newton(sq2, dsq2, 100.0, max_iter=2)
    assert info.value.method == "newton"
    x1 = 100.0 - 9998.0 / 200.0
    assert info.value.last == pytest.approx(x1 - (x1 * x1 - 2) / (2 * x1))
    assert info.value.iterations == 2


def test_newton_max_iter_last_value():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.newton(lambda x: x * x - 4, lambda x: 2 * x, 4.0, max_iter=1)
    assert info.value.last == 2.5


# ---- secant -------------------------------------------------------------------

def test_secant_sqrt2():
    assert nm.secant(sq2, 1.0, 2.0) == pytest.approx(math.sqrt(2), abs=1e-13)


def test_secant_linear():
    assert nm.secant(lambda x: 3 * x - 1.5, 0.0, 1.0) == 0.5


def test_secant_step_equal_to_tol_continues():
    x2 = 2.0 - 2.0 * 1.0 / 3.0
    tol = abs(x2 - 2.0)
    assert nm.secant(sq2, 1.0, 2.0, tol=tol) != x2
    assert nm.secant(sq2, 1.0, 2.0, tol=tol * 1.01) == x2


def test_secant_updates_both_points():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.secant(sq2, 1.0, 2.0, max_iter=2)
    assert info.value.last == pytest.approx(1.4)


def test_secant_default_iteration_limit():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.secant(lambda x: x * x + 1, 0.5, 1.0)
    assert info.value.iterations == 50


def test_secant_flat_raises():
    with pytest.raises(ZeroDivisionError):
        nm.secant(lambda x: 5.0, 0.0, 1.0)


def test_secant_max_iter():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.secant(sq2, 1.0, 2.0, max_iter=1)
    assert info.value.last == pytest.approx(4 / 3)


# ---- fixed point --------------------------------------------------------------

def test_fixed_point_cosine():
    x = nm.fixed_point(math.cos, 1.0)
    assert x == pytest.approx(0.7390851332151607, abs=1e-11)


def test_fixed_point_linear_map():
    assert nm.fixed_point(lambda x: x / 2 + 1, 0.0) == pytest.approx(2.0, abs=1e-11)


def test_fixed_point_tolerance_is_strict():
    # successive differences 1, 0.5, 0.25: stops at the first one strictly below tol
    assert nm.fixed_point(lambda x: x / 2 + 1, 0.0, tol=0.5) == 1.75


def test_fixed_point_default_iteration_limit():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.fixed_point(lambda x: -x, 1.0)
    assert info.value.iterations == 200


def test_fixed_point_immediate():
    assert nm.fixed_point(lambda x: 3.0, 3.0) == 3.0


def test_fixed_point_diverges():
    with pytest.raises(nm.ConvergenceError) as info:
        nm.fixed_point(lambda x: 2 * x + 1, 0.0, max_iter=4)
    assert info.value.last == 15.0
    assert info.value.method == "fixed_point"


# ---- quadrature ---------------------------------------------------------------

def test_trapezoid_two_intervals_exact_value():
    assert nm.trapezoid(lambda x: x * x, 0, 1, n=2) == 0.375


def test_trapezoid_linear_is_exact():
    assert nm.trapezoid(lambda x: 3 * x + 1, 0, 2, n=1) == 8.0


def test_trapezoid_default_intervals():
    # the error of the trapezoid rule for x^2 on [0, 1] is 1 / (6 n^2)
    assert nm.trapezoid(lambda x: x * x, 0, 1) == pytest.approx(1 / 3 + 1 / 60000, rel=1e-12)


def test_trapezoid_converges():
    assert nm.trapezoid(math.sin, 0, math.pi, n=1000) == pytest.approx(2.0, abs=1e-5)


def test_trapezoid_offset_interval():
    assert nm.trapezoid(lambda x: x * x, 1, 3, n=4) == pytest.approx(8.75)


@pytest.mark.parametrize("n", [0, -2])
def test_trapezoid_bad_n(n):
    with pytest.raises(ValueError):
        nm.trapezoid(math.sin, 0, 1, n=n)


def test_simpson_cubic_exact():
    assert nm.simpson(lambda x: x ** 3, 0, 2, n=2) == 4.0


def test_simpson_quartic_two_intervals():
    assert nm.simpson(lambda x: x ** 4, 0, 2, n=2) == pytest.approx(20 / 3)


def test_simpson_four_intervals_weights():
    # points 0..4 with h=1: (f0 + 4f1 + 2f2 + 4f3 + f4) / 3 for f = x^4
    expected = (0 + 4 * 1 + 2 * 16 + 4 * 81 + 256) / 3
    assert nm.simpson(lambda x: x ** 4, 0, 4, n=4) == pytest.approx(expected)


def test_simpson_offset_interval():
    assert nm.simpson(lambda x: x * x, 1, 4, n=6) == pytest.approx(21.0)


def test_simpson_accuracy():
    assert nm.simpson(math.exp, 0, 1, n=10) == pytest.approx(math.e - 1, abs=1e-6)


def test_simpson_default_intervals():
    assert nm.simpson(lambda x: x ** 4, 0, 1) == pytest.approx(0.2 + 1 / (180 * 100 ** 4) * 24, rel=1e-9)


def test_simpson_odd_n():
    with pytest.raises(ValueError):
        nm.simpson(math.sin, 0, 1, n=3)


def test_simpson_zero_n():
    with pytest.raises(ValueError):
        nm.simpson(math.sin, 0, 1, n=0)


# ---- ODE solvers --------------------------------------------------------------

def test_euler_growth():
    assert nm.euler(lambda t, y: y, 0.0, 1.0, 0.5, 2) == [(0.0, 1.0), (0.5, 1.5), (1.0, 2.25)]


def test_euler_time_dependent():
    # y' = t: Euler uses the left end point of each step
    assert nm.euler(lambda t, y: t, 1.0, 0.0, 1.0, 2) == [(1.0, 0.0), (2.0, 1.0), (3.0, 3.0)]


def test_euler_zero_steps():
    assert nm.euler(lambda t, y: y, 2.0, 5.0, 0.1, 0) == [(2.0, 5.0)]


def test_euler_negative_steps():
    with pytest.raises(ValueError):
        nm.euler(lambda t, y: y, 0.0, 1.0, 0.1, -1)


def test_rk4_step_exponential():
    assert nm.rk4_step(lambda t, y: y, 0.0, 1.0, 1.0) == pytest.approx(1 + 10.25 / 6)


def test_rk4_step_time_only():
    assert nm.rk4_step(lambda t, y: t * t, 0.0, 0.0, 1.0) == pytest.approx(1 / 3)


def test_rk4_step_mixed():
    # y' = t + y from (1, 2) with h = 0.5
    f = lambda t, y: t + y  # noqa: E731
    k1 = 3.0
    k2 = 1.25 + 2 + 0.25 * k1
    k3 = 1.25 + 2 + 0.25 * k2
    k4 = 1.5 + 2 + 0.5 * k3
    assert nm.rk4_step(f, 1.0, 2.0, 0.5) == pytest.approx(2 + 0.5 * (k1 + 2 * k2 + 2 * k3 + k4) / 6)


def test_rk4_trajectory_accuracy():
    path = nm.rk4(lambda t, y: y, 0.0, 1.0, 0.1, 10)
    assert len(path) == 11
    assert path[-1][0] == pytest.approx(1.0)
    assert path[-1][1] == pytest.approx(math.e, abs=1e-5)


def test_rk4_trajectory_points():
    path = nm.rk4(lambda t, y: 2 * t, 0.0, 0.0, 1.0, 3)
    assert [p[0] for p in path] == [0.0, 1.0, 2.0, 3.0]
    assert [p[1] for p in path] == pytest.approx([0.0, 1.0, 4.0, 9.0])


def test_rk4_zero_steps():
    assert nm.rk4(lambda t, y: y, 0.0, 3.0, 0.1, 0) == [(0.0, 3.0)]


def test_rk4_negative_steps():
    with pytest.raises(ValueError):
        nm.rk4(lambda t, y: y, 0.0, 1.0, 0.1, -3)
