import pytest

from polynomial import Polynomial as P


def test_trailing_zeros_trimmed():
    assert P([1, 2, 0, 0]).coeffs == [1, 2]


def test_zero_polynomial():
    z = P([0, 0])
    assert z.coeffs == []
    assert z.is_zero()
    assert z.degree == -1


@pytest.mark.parametrize("coeffs, degree", [([5], 0), ([1, 2, 3], 2), ([0, 0, 0, 4], 3)])
def test_degree(coeffs, degree):
    assert P(coeffs).degree == degree


def test_nonzero_is_not_zero():
    assert not P([0, 1]).is_zero()


def test_equality_with_number():
    assert P([7]) == 7
    assert P([]) == 0
    assert P([1, 1]) != 1


def test_equality_with_other_type():
    assert (P([1]) == "1") is False


def test_repr():
    assert repr(P([1, 0, 3])) == "Polynomial([1, 0, 3])"


def test_add_different_lengths():
    assert (P([1, 2]) + P([3, 4, 5])).coeffs == [4, 6, 5]
    assert (P([3, 4, 5]) + P([1])).coeffs == [4, 4, 5]


def test_add_cancels_leading():
    assert (P([1, 2, 3]) + P([0, 0, -3])).coeffs == [1, 2]


def test_add_scalar_both_sides():
    assert (P([1, 2]) + 3).coeffs == [4, 2]
    assert (3 + P([1, 2])).coeffs == [4, 2]


def test_sub():
    assert (P([5, 1, 2]) - P([1, 3])).coeffs == [4, -2, 2]


def test_sub_scalar():
    assert (P([5, 1]) - 2).coeffs == [3, 1]


def test_rsub_scalar():
    assert (10 - P([3, 1])).coeffs == [7, -1]


def test_neg():
    assert (-P([1, -2, 3])).coeffs == [-1, 2, -3]


def test_unsupported_operands():
    with pytest.raises(TypeError):
        P([1]) + "a"
    with pytest.raises(TypeError):
        P([1]) - "a"
    with pytest.raises(TypeError):
        P([1]) * "a"


def test_mul():
    # (x + 1)(x - 1) = x^2 - 1
    assert (P([1, 1]) * P([-1, 1])).coeffs == [-1, 0, 1]


def test_mul_uneven():
    # (2 + 3x)(1 + 4x + 5x^2) = 2 + 11x + 22x^2 + 15x^3
    assert (P([2, 3]) * P([1, 4, 5])).coeffs == [2, 11, 22, 15]


def test_mul_by_zero_polynomial():
    assert (P([1, 2]) * P()).coeffs == []
    assert (P() * P([1, 2])).coeffs == []


def test_mul_scalar_both_sides():
    assert (P([1, 2]) * 3).coeffs == [3, 6]
    assert (2 * P([1, 2])).coeffs == [2, 4]


@pytest.mark.parametrize("x, expected", [(0, 1), (1, 3), (2, 11), (-1, 5), (0.5, 1.25)])
def test_evaluate_horner(x, expected):
    assert P([1, -1, 3])(x) == expected


def test_evaluate_zero_polynomial():
    assert P()(5) == 0


def test_evaluate_high_degree():
    assert P([0, 0, 0, 1])(3) == 27


def test_derivative():
    assert P([5, 3, -2, 4]).derivative().coeffs == [3, -4, 12]


def test_derivative_of_constant():
    assert P([9]).derivative().coeffs == []


def test_integral_exact_ints():
    assert P([2, 2, 3]).integral().coeffs == [0, 2, 1, 1]
    assert all(isinstance(c, int) for c in P([2, 2, 3]).integral().coeffs)


def test_integral_fractional_and_constant():
    assert P([1, 1]).integral(4).coeffs == [4, 1, 0.5]


def test_integral_float_coefficients():
    assert P([1.5, 3.0]).integral().coeffs == [0, 1.5, 1.5]


def test_definite_integral():
    # integral of 3x^2 + 1 from 1 to 2 = (8 + 2) - (1 + 1) = 8
    assert P([1, 0, 3]).definite_integral(1, 2) == 8


def test_divmod_exact():
    q, r = P([-1, 0, 1]).divmod(P([-1, 1]))
    assert q.coeffs == [1, 1]
    assert r.coeffs == []


def test_divmod_with_remainder():
    # (x^3 - 2x^2 - 4) / (x - 3) = x^2 + x + 3, remainder 5
    q, r = P([-4, 0, -2, 1]).divmod(P([-3, 1]))
    assert q.coeffs == [3, 1, 1]
    assert r.coeffs == [5]


def test_divmod_non_monic_divisor():
    # (4x^2 + 2x + 1) / (2x + 1) = 2x, remainder 1
    q, r = P([1, 2, 4]).divmod(P([1, 2]))
    assert q.coeffs == [0, 2]
    assert r.coeffs == [1]


def test_divmod_keeps_int_coefficients():
    q, r = P([-4, 0, -2, 1]).divmod(P([-3, 1]))
    assert all(type(c) is int for c in q.coeffs + r.coeffs)


def test_divmod_fractional_quotient():
    q, r = P([1, 0, 1]).divmod(P([0, 2]))
    assert q.coeffs == [0, 0.5]
    assert r.coeffs == [1]


def test_divmod_quadratic_divisor():
    # (x^4 + 1) / (x^2 + 1) = x^2 - 1, remainder 2
    q, r = P([1, 0, 0, 0, 1]).divmod(P([1, 0, 1]))
    assert q.coeffs == [-1, 0, 1]
    assert r.coeffs == [2]


def test_divmod_lower_degree_dividend():
    q, r = P([1, 2]).divmod(P([1, 2, 3]))
    assert q.coeffs == []
    assert r.coeffs == [1, 2]


def test_divmod_by_constant():
    q, r = P([4, 6]).divmod(P([2]))
    assert q.coeffs == [2, 3]
    assert r.coeffs == []


def test_divmod_by_zero():
    with pytest.raises(ZeroDivisionError):
        P([1, 2]).divmod(P())


def test_floordiv_and_mod_operators():
    a, b = P([-4, 0, -2, 1]), P([-3, 1])
    assert (a // b).coeffs == [3, 1, 1]
    assert (a % b).coeffs == [5]


@pytest.mark.parametrize(
    "coeffs, text",
    [
        ([], "0"),
        ([1, -1, 3], "3x^2 - x + 1"),
        ([0, 1], "x"),
        ([0, -1], "-x"),
        ([-5], "-5"),
        ([1], "1"),
        ([-3, 0, 0, 1], "x^3 - 3"),
        ([0, 2, -1], "-x^2 + 2x"),
        ([2.5, 0, -1.0], "-x^2 + 2.5"),
        ([0, -4, 0, 2], "2x^3 - 4x"),
        ([-1, 1], "x - 1"),
    ],
)
def test_str(coeffs, text):
    assert str(P(coeffs)) == text


@pytest.mark.parametrize(
    "coeffs, text",
    [([0.5, 0.5], "0.5x + 0.5"), ([-0.5, 0, 0.25], "0.25x^2 - 0.5"), ([0, -0.5], "-0.5x")],
)
def test_str_fractional_coefficients(coeffs, text):
    assert str(P(coeffs)) == text


def test_newton_sqrt2():
    root = P([-2, 0, 1]).newton_root(1.0)
    assert root == pytest.approx(2 ** 0.5, abs=1e-12)


def test_newton_negative_root():
    root = P([-2, 0, 1]).newton_root(-3.0)
    assert root == pytest.approx(-(2 ** 0.5), abs=1e-12)


def test_newton_exact_guess_returns_immediately():
    assert P([-4, 0, 1]).newton_root(2) == 2


def test_newton_cubic():
    root = P([-6, 11, -6, 1]).newton_root(3.4)
    assert root == pytest.approx(3.0, abs=1e-10)


def test_newton_scaled_uses_step_criterion():
    # residuals stay above tol due to scaling, so convergence is detected by step size
    root = P([-2e6, 0, 1e6]).newton_root(1.0, tol=1e-9)
    assert root == pytest.approx(2 ** 0.5, abs=1e-9)


def test_newton_zero_derivative():
    with pytest.raises(ZeroDivisionError):
        P([1, 0, 1]).newton_root(0.0)


def test_newton_stops_on_small_residual():
    # x^3 is flat near 0: the residual drops below tol long before the step does
    assert P([0, 0, 0, 1]).newton_root(0.05, tol=1e-3) == 0.05


def test_newton_residual_equal_to_tol_is_accepted():
    assert P([-1, 1]).newton_root(1.5, tol=0.5) == 1.5


def test_newton_step_equal_to_tol_is_accepted():
    # step from 2 is exactly 0.5 while the residual stays above tol
    assert P([-20, 0, 10]).newton_root(2, tol=0.5) == 1.5


def test_newton_scaled_needs_step_criterion():
    # with the default tol the residual of 1e6 * (x^2 - 2) never gets below 1e-12
    root = P([-2e6, 0, 1e6]).newton_root(1.0)
    assert root == pytest.approx(2 ** 0.5, abs=1e-12)


def test_newton_default_iteration_limit_in_message():
    with pytest.raises(ArithmeticError, match="in 100 iterations"):
        P([1, 0, 1]).newton_root(0.5)


def test_newton_no_convergence():
    # x^2 + 1 has no real roots
    with pytest.raises(ArithmeticError):
        P([1, 0, 1]).newton_root(0.5, max_iter=20)


def test_newton_max_iter_limit():
    with pytest.raises(ArithmeticError):
        P([-2, 0, 1]).newton_root(100.0, max_iter=3)
