import pytest
from combinatorics import (
    all_distinct_permutations,
    binomial,
    catalan,
    catalan_sequence,
    combinations,
    gray_code,
    gray_to_binary,
    integer_partitions,
    is_gray_sequence,
    next_permutation,
    partition_count,
    pascal_row,
    pascal_triangle,
    permutations,
)


def test_combinations_order():
    assert list(combinations("abcd", 2)) == [
        ("a", "b"),
        ("a", "c"),
        ("a", "d"),
        ("b", "c"),
        ("b", "d"),
        ("c", "d"),
    ]


def test_combinations_three_of_five():
    result = list(combinations(range(5), 3))
    assert len(result) == 10
    assert result[:4] == [(0, 1, 2), (0, 1, 3), (0, 1, 4), (0, 2, 3)]
    assert result[-2:] == [(1, 3, 4), (2, 3, 4)]


@pytest.mark.parametrize("r, expected", [(0, [()]), (3, [(1, 2, 3)]), (4, []), (-1, [])])
def test_combinations_edges(r, expected):
    assert list(combinations([1, 2, 3], r)) == expected


def test_combinations_of_empty():
    assert list(combinations([], 0)) == [()]


def test_permutations_full():
    assert list(permutations([1, 2, 3])) == [
        (1, 2, 3),
        (1, 3, 2),
        (2, 1, 3),
        (2, 3, 1),
        (3, 1, 2),
        (3, 2, 1),
    ]


def test_permutations_partial():
    assert list(permutations("abc", 2)) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "a"),
        ("b", "c"),
        ("c", "a"),
        ("c", "b"),
    ]


@pytest.mark.parametrize("r, expected", [(0, [()]), (4, []), (-1, [])])
def test_permutations_edges(r, expected):
    assert list(permutations([1, 2, 3], r)) == expected


def test_permutations_count_and_positions():
    result = list(permutations(range(4)))
    assert len(result) == 24
    assert len(set(result)) == 24
    assert result[23] == (3, 2, 1, 0)


def test_permutations_keeps_duplicates_by_position():
    assert list(permutations("aab")) == [
        ("a", "a", "b"),
        ("a", "b", "a"),
        ("a", "a", "b"),
        ("a", "b", "a"),
        ("b", "a", "a"),
        ("b", "a", "a"),
    ]


@pytest.mark.parametrize(
    "seq, expected",
    [
        ([1, 2, 3], [1, 3, 2]),
        ([1, 3, 2], [2, 1, 3]),
        ([2, 3, 1], [3, 1, 2]),
        ([3, 2, 1], None),
        ([1, 1, 5], [1, 5, 1]),
        ([1, 5, 1], [5, 1, 1]),
        ([1], None),
        ([], None),
        ([0, 1, 2, 5, 3, 3, 0], [0, 1, 3, 0, 2, 3, 5]),
        ([2, 2], None),
        ("abdc", ["a", "c", "b", "d"]),
    ],
)
def test_next_permutation(seq, expected):
    assert next_permutation(seq) == expected


def test_next_permutation_leaves_input():
    seq = [1, 2, 3]
    next_permutation(seq)
    assert seq == [1, 2, 3]


def test_all_distinct_permutations():
    assert all_distinct_permutations([2, 1, 1]) == [[1, 1, 2], [1, 2, 1], [2, 1, 1]]
    assert len(all_distinct_permutations("aabb")) == 6
    assert all_distinct_permutations([]) == [[]]


def test_integer_partitions_of_five():
    assert list(integer_partitions(5)) == [
        (5,),
        (4, 1),
        (3, 2),
        (3, 1, 1),
        (2, 2, 1),
        (2, 1, 1, 1),
        (1, 1, 1, 1, 1),
    ]


def test_integer_partitions_max_part():
    assert list(integer_partitions(6, 2)) == [(2, 2, 2), (2, 2, 1, 1), (2, 1, 1, 1, 1), (1, 1, 1, 1, 1, 1)]
    assert list(integer_partitions(3, 10)) == [(3,), (2, 1), (1, 1, 1)]


def test_integer_partitions_zero_and_one():
    assert list(integer_partitions(0)) == [()]
    assert list(integer_partitions(1)) == [(1,)]


def test_integer_partitions_negative():
    with pytest.raises(ValueError):
        list(integer_partitions(-2))


@pytest.mark.parametrize("n, expected", [(-1, 0), (0, 1), (1, 1), (2, 2), (5, 7), (10, 42), (20, 627)])
def test_partition_count(n, expected):
    assert partition_count(n) == expected


def test_partition_count_matches_generator():
    for n in range(9):
        assert partition_count(n) == len(list(integer_partitions(n)))


@pytest.mark.parametrize(
    "n, expected",
    [(0, [1]), (1, [1, 1]), (2, [1, 2, 1]), (4, [1, 4, 6, 4, 1]), (6, [1, 6, 15, 20, 15, 6, 1])],
)
def test_pascal_row(n, expected):
    assert pascal_row(n) == expected


def test_pascal_row_negative():
    with pytest.raises(ValueError):
        pascal_row(-1)


def test_pascal_triangle():
    assert pascal_triangle(4) == [[1], [1, 1], [1, 2, 1], [1, 3, 3, 1]]
    assert pascal_triangle(0) == []


@pytest.mark.parametrize(
    "n, k, expected",
    [(5, 2, 10), (5, 0, 1), (5, 5, 1), (5, 6, 0), (5, -1, 0), (10, 3, 120), (0, 0, 1), (30, 15, 155117520)],
)
def test_binomial(n, k, expected):
    assert binomial(n, k) == expected


@pytest.mark.parametrize("n, expected", [(0, 1), (1, 1), (2, 2), (3, 5), (4, 14), (5, 42), (10, 16796)])
def test_catalan(n, expected):
    assert catalan(n) == expected


def test_catalan_negative():
    with pytest.raises(ValueError, match="non-negative"):
        catalan(-1)


def test_catalan_sequence():
    assert catalan_sequence(8) == [1, 1, 2, 5, 14, 42, 132, 429]
    assert catalan_sequence(0) == []
    assert catalan_sequence(12) == [catalan(n) for n in range(12)]


@pytest.mark.parametrize(
    "bits, expected",
    [(0, [0]), (1, [0, 1]), (2, [0, 1, 3, 2]), (3, [0, 1, 3, 2, 6, 7, 5, 4])],
)
def test_gray_code(bits, expected):
    assert gray_code(bits) == expected


def test_gray_code_negative():
    with pytest.raises(ValueError, match="bits"):
        gray_code(-1)


def test_gray_to_binary_inverts():
    assert [gray_to_binary(g) for g in gray_code(4)] == list(range(16))
    assert gray_to_binary(0) == 0
    assert gray_to_binary(0b1101) == 0b1001


def test_is_gray_sequence_true():
    assert is_gray_sequence(gray_code(5)) is True
    assert is_gray_sequence([7]) is True
    assert is_gray_sequence([]) is True


@pytest.mark.parametrize("codes", [[0, 3], [0, 1, 3, 2, 6], [0, 0], [1, 0, 1], [0, 1, 2, 3]])
def test_is_gray_sequence_false(codes):
    assert is_gray_sequence(codes) is False
