import operator

import pytest

from rational import Rational


def parts(r):
    return (r.num, r.den)


@pytest.mark.parametrize(
    "num, den, expected",
    [
        (6, 8, (3, 4)),
        (3, -4, (-3, 4)),
        (-3, -9, (1, 3)),
        (0, 5, (0, 1)),
        (0, -7, (0, 1)),
        (7, 1, (7, 1)),
        (-12, 18, (-2, 3)),
    ],
)
def test_normalisation(num, den, expected):
    assert parts(Rational(num, den)) == expected


def test_default_denominator():
    assert parts(Rational(5)) == (5, 1)


def test_zero_denominator_raises():
    with pytest.raises(ZeroDivisionError):
        Rational(1, 0)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3/4", (3, 4)),
        ("-6/8", (-3, 4)),
        ("6/-8", (-3, 4)),
        (" 5 ", (5, 1)),
        ("-2", (-2, 1)),
        ("1 1/2", (3, 2)),
        ("-2 1/4", (-9, 4)),
        ("0 2/3", (2, 3)),
        ("2 0/5", (2, 1)),
    ],
)
def test_from_string(text, expected):
    assert parts(Rational.from_string(text)) == expected


@pytest.mark.parametrize("text", ["", "1 2 3", "1 -1/2", "a/b"])
def test_from_string_invalid(text):
    with pytest.raises(ValueError):
        Rational.from_string(text)


def test_from_string_zero_denominator():
    with pytest.raises(ZeroDivisionError):
        Rational.from_string("1/0")


def test_add():
    assert parts(Rational(1, 2) + Rational(1, 3)) == (5, 6)


def test_add_int_both_sides():
    assert parts(Rational(1, 2) + 1) == (3, 2)
    assert parts(2 + Rational(1, 3)) == (7, 3)


def test_sub():
    assert parts(Rational(1, 2) - Rational(1, 3)) == (1, 6)


def test_sub_int():
    assert parts(Rational(1, 4) - 1) == (-3, 4)


def test_rsub():
    assert parts(1 - Rational(1, 4)) == (3, 4)


def test_neg():
    assert parts(-Rational(2, 3)) == (-2, 3)


def test_mul():
    assert parts(Rational(2, 3) * Rational(9, 4)) == (3, 2)


def test_mul_int():
    assert parts(3 * Rational(1, 6)) == (1, 2)
    assert parts(Rational(1, 6) * -4) == (-2, 3)


def test_div():
    assert parts(Rational(2, 3) / Rational(4, 5)) == (5, 6)


def test_div_by_negative():
    assert parts(Rational(1, 2) / Rational(-3, 4)) == (-2, 3)


def test_div_int():
    assert parts(Rational(3, 4) / 3) == (1, 4)


def test_rtruediv():
    assert parts(2 / Rational(4, 3)) == (3, 2)


def test_div_by_zero():
    with pytest.raises(ZeroDivisionError):
        Rational(1, 2) / Rational(0)


def test_unsupported_operand_types():
    with pytest.raises(TypeError):
        Rational(1, 2) + 0.5
    with pytest.raises(TypeError):
        Rational(1, 2) - "x"
    with pytest.raises(TypeError):
        "x" - Rational(1, 2)
    with pytest.raises(TypeError):
        Rational(1, 2) * 1.5
    with pytest.raises(TypeError):
        Rational(1, 2) / 1.5
    with pytest.raises(TypeError):
        1.5 / Rational(1, 2)


def test_abs():
    assert parts(abs(Rational(-3, 7))) == (3, 7)
    assert parts(abs(Rational(3, 7))) == (3, 7)


def test_equality():
    assert Rational(2, 4) == Rational(1, 2)
    assert Rational(4, 2) == 2
    assert Rational(1, 2) != Rational(1, 3)
    assert (Rational(1, 2) == "1/2") is False


@pytest.mark.parametrize(
    "a, b, lt, le, gt, ge",
    [
        (Rational(1, 3), Rational(1, 2), True, True, False, False),
        (Rational(1, 2), Rational(2, 4), False, True, False, True),
        (Rational(3, 4), Rational(2, 3), False, False, True, True),
        (Rational(-1, 2), 0, True, True, False, False),
    ],
)
def test_ordering(a, b, lt, le, gt, ge):
    assert (a < b, a <= b, a > b, a >= b) == (lt, le, gt, ge)


@pytest.mark.parametrize("op", [operator.lt, operator.le, operator.gt, operator.ge])
def test_ordering_with_unsupported_type(op):
    with pytest.raises(TypeError):
        op(Rational(1, 2), 0.5)


def test_sorting():
    values = [Rational(3, 4), Rational(-1, 2), Rational(1, 3), Rational(2)]
    assert [str(v) for v in sorted(values)] == ["-1/2", "1/3", "3/4", "2"]


def test_hash_matches_int():
    assert hash(Rational(6, 3)) == hash(2)
    assert {Rational(4, 2), 2} == {2}


def test_hash_equal_fractions():
    assert hash(Rational(2, 6)) == hash(Rational(1, 3))
    assert len({Rational(1, 3), Rational(2, 6), Rational(1, 4)}) == 2


def test_float():
    assert float(Rational(3, 8)) == 0.375


def test_repr():
    assert repr(Rational(-4, 6)) == "Rational(-2, 3)"


@pytest.mark.parametrize(
    "value, text",
    [(Rational(3, 4), "3/4"), (Rational(-8, 4), "-2"), (Rational(0), "0")],
)
def test_str(value, text):
    assert str(value) == text


@pytest.mark.parametrize(
    "value, text",
    [
        (Rational(7, 2), "3 1/2"),
        (Rational(-7, 2), "-3 1/2"),
        (Rational(2, 5), "2/5"),
        (Rational(-2, 5), "-2/5"),
        (Rational(10, 5), "2"),
        (Rational(-9, 3), "-3"),
        (Rational(0), "0"),
        (Rational(23, 7), "3 2/7"),
    ],
)
def test_to_mixed(value, text):
    assert value.to_mixed() == text


@pytest.mark.parametrize(
    "value, terms",
    [
        (Rational(415, 93), [4, 2, 6, 7]),
        (Rational(3), [3]),
        (Rational(-7, 3), [-3, 1, 2]),
        (Rational(1, 3), [0, 3]),
        (Rational(13, 8), [1, 1, 1, 1, 2]),
    ],
)
def test_continued_fraction(value, terms):
    assert value.continued_fraction() == terms


@pytest.mark.parametrize(
    "terms, expected",
    [([4, 2, 6, 7], (415, 93)), ([5], (5, 1)), ([0, 3], (1, 3)), ([-3, 1, 2], (-7, 3))],
)
def test_from_continued_fraction(terms, expected):
    assert parts(Rational.from_continued_fraction(terms)) == expected


def test_from_continued_fraction_empty():
    with pytest.raises(ValueError):
        Rational.from_continued_fraction([])


PI_APPROX = Rational(3141592653589793, 1000000000000000)


@pytest.mark.parametrize(
    "max_den, expected",
    [
        (1, (3, 1)),
        (7, (22, 7)),
        (10, (22, 7)),
        (57, (179, 57)),
        (100, (311, 99)),
        (113, (355, 113)),
        (1000, (355, 113)),
    ],
)
def test_limit_denominator_pi(max_den, expected):
    assert parts(PI_APPROX.limit_denominator(max_den)) == expected


def test_limit_denominator_already_small():
    value = Rational(3, 7)
    assert value.limit_denominator(7) is value


def test_limit_denominator_convergent_wins():
    assert parts(Rational(4, 11).limit_denominator(5)) == (1, 3)


def test_limit_denominator_semiconvergent_wins():
    assert parts(Rational(3, 5).limit_denominator(4)) == (2, 3)


def test_limit_denominator_tie_prefers_convergent():
    assert parts(Rational(5, 12).limit_denominator(4)) == (1, 2)


def test_limit_denominator_tie_to_integer():
    assert parts(Rational(1, 2).limit_denominator(1)) == (0, 1)


def test_limit_denominator_negative():
    assert parts(Rational(-10, 7).limit_denominator(3)) == (-3, 2)


def test_limit_denominator_invalid():
    with pytest.raises(ValueError):
        Rational(1, 3).limit_denominator(0)
