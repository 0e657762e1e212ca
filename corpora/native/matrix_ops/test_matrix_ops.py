from fractions import Fraction

import pytest
from matrix_ops import (
    add,
    determinant,
    identity,
    inverse,
    is_exact,
    matrix_power,
    multiply,
    rank,
    shape,
    transpose,
)


def test_shape():
    assert shape([[1, 2, 3], [4, 5, 6]]) == (2, 3)
    assert shape([]) == (0, 0)
    assert shape([[7]]) == (1, 1)


def test_shape_ragged():
    with pytest.raises(ValueError, match="ragged"):
        shape([[1, 2], [3]])


def test_is_exact():
    assert is_exact([[1, Fraction(1, 2)]]) is True
    assert is_exact([[1, 0.5]]) is False


@pytest.mark.parametrize("n, expected", [(0, []), (1, [[1]]), (3, [[1, 0, 0], [0, 1, 0], [0, 0, 1]])])
def test_identity(n, expected):
    assert identity(n) == expected


def test_identity_negative():
    with pytest.raises(ValueError):
        identity(-1)


def test_transpose():
    assert transpose([[1, 2, 3], [4, 5, 6]]) == [[1, 4], [2, 5], [3, 6]]
    assert transpose([]) == []
    assert transpose([[1], [2]]) == [[1, 2]]


def test_add():
    assert add([[1, 2], [3, 4]], [[10, 20], [30, 40]]) == [[11, 22], [33, 44]]


def test_add_shape_mismatch():
    with pytest.raises(ValueError):
        add([[1, 2]], [[1], [2]])


def test_multiply_rectangular():
    a = [[1, 2, 3], [4, 5, 6]]
    b = [[7, 8], [9, 10], [11, 12]]
    assert multiply(a, b) == [[58, 64], [139, 154]]


def test_multiply_non_commutative():
    a = [[0, 1], [0, 0]]
    b = [[0, 0], [1, 0]]
    assert multiply(a, b) == [[1, 0], [0, 0]]
    assert multiply(b, a) == [[0, 0], [0, 1]]


def test_multiply_by_identity():
    m = [[2, -1], [5, 3]]
    assert multiply(m, identity(2)) == m
    assert multiply(identity(2), m) == m


def test_multiply_row_by_column():
    assert multiply([[1, 2, 3]], [[4], [5], [6]]) == [[32]]


def test_multiply_incompatible():
    with pytest.raises(ValueError, match="cannot multiply 1x2 by 1x2"):
        multiply([[1, 2]], [[3, 4]])


@pytest.mark.parametrize(
    "m, expected",
    [
        ([[5]], 5),
        ([[1, 2], [3, 4]], -2),
        ([[2, 0, 0], [0, 3, 0], [0, 0, 4]], 24),
        ([[0, 1], [1, 0]], -1),
        ([[1, 2], [2, 4]], 0),
        ([[6, 1, 1], [4, -2, 5], [2, 8, 7]], -306),
        ([[0, 2, 1], [0, 5, 3], [0, 1, 1]], 0),
        ([[1, 3, 5, 9], [1, 3, 1, 7], [4, 3, 9, 7], [5, 2, 0, 9]], -376),
        ([], 1),
    ],
)
def test_determinant_exact(m, expected):
    result = determinant(m)
    assert isinstance(result, Fraction)
    assert result == expected


def test_determinant_needs_pivot_swap():
    assert determinant([[0, 0, 1], [0, 1, 0], [1, 0, 0]]) == -1
    assert determinant([[0, 1, 0], [0, 0, 1], [1, 0, 0]]) == 1


def test_determinant_fraction_entries():
    assert determinant([[Fraction(1, 2), 1], [1, 4]]) == 1


def test_determinant_float():
    result = determinant([[1.5, 2.0], [3.0, 4.5]])
    assert isinstance(result, float)
    assert result == pytest.approx(0.75)


def test_determinant_float_singular_within_tolerance():
    assert determinant([[1.0, 2.0], [0.5, 1.0 + 1e-12]]) == 0.0


def test_determinant_float_pivoting():
    assert determinant([[1e-3, 1.0], [1.0, 1.0]]) == pytest.approx(-0.999)


def test_determinant_non_square():
    with pytest.raises(ValueError, match="square"):
        determinant([[1, 2, 3], [4, 5, 6]])


def test_inverse_exact():
    assert inverse([[4, 7], [2, 6]]) == [
        [Fraction(3, 5), Fraction(-7, 10)],
        [Fraction(-1, 5), Fraction(2, 5)],
    ]


def test_inverse_requires_row_swap():
    assert inverse([[0, 1], [1, 0]]) == [[0, 1], [1, 0]]


def test_inverse_3x3_roundtrip():
    m = [[2, -1, 0], [-1, 2, -1], [0, -1, 2]]
    inv = inverse(m)
    assert inv == [
        [Fraction(3, 4), Fraction(1, 2), Fraction(1, 4)],
        [Fraction(1, 2), Fraction(1), Fraction(1, 2)],
        [Fraction(1, 4), Fraction(1, 2), Fraction(3, 4)],
    ]
    assert multiply(m, inv) == identity(3)


def test_inverse_upper_triangular():
    assert inverse([[1, 2], [0, 1]]) == [[1, -2], [0, 1]]


def test_inverse_float():
    inv = inverse([[4.0, 7.0], [2.0, 6.0]])
    assert inv[0] == pytest.approx([0.6, -0.7])
    assert inv[1] == pytest.approx([-0.2, 0.4])


def test_inverse_singular():
    with pytest.raises(ValueError, match="singular"):
        inverse([[1, 2], [2, 4]])


def test_inverse_does_not_modify_input():
    m = [[1, 2], [3, 4]]
    inverse(m)
    assert m == [[1, 2], [3, 4]]


def test_matrix_power_fibonacci():
    assert matrix_power([[1, 1], [1, 0]], 10) == [[89, 55], [55, 34]]


@pytest.mark.parametrize(
    "k, expected",
    [(0, [[1, 0], [0, 1]]), (1, [[2, 1], [0, 2]]), (2, [[4, 4], [0, 4]]), (5, [[32, 80], [0, 32]])],
)
def test_matrix_power_small(k, expected):
    assert matrix_power([[2, 1], [0, 2]], k) == expected


def test_matrix_power_negative():
    assert matrix_power([[2, 0], [0, 4]], -2) == [[Fraction(1, 4), 0], [0, Fraction(1, 16)]]


def test_matrix_power_non_square():
    with pytest.raises(ValueError):
        matrix_power([[1, 2]], 2)


@pytest.mark.parametrize(
    "m, expected",
    [
        ([[1, 2], [3, 4]], 2),
        ([[1, 2], [2, 4]], 1),
        ([[0, 0], [0, 0]], 0),
        ([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2),
        ([[1, 2, 3]], 1),
        ([[1], [2], [3]], 1),
        ([[0, 1, 2], [0, 2, 4], [0, 0, 1]], 2),
        ([[1, 0, 0, 1], [0, 1, 0, 1], [0, 0, 1, 1]], 3),
        ([[2, 4], [1, 2], [3, 7]], 2),
        ([], 0),
        ([[1.0, 2.0], [2.0, 4.0000000001]], 1),
        ([[0, 0, 3], [0, 0, 1], [0, 0, 0]], 1),
    ],
)
def test_rank(m, expected):
    assert rank(m) == expected
