import pytest
from dynamic_programming import (
    coin_change_ways,
    edit_distance,
    knapsack,
    lcs_length,
    lcs_string,
    lcs_table,
    longest_increasing_subsequence,
    min_coins,
    rod_cutting,
)


def test_lcs_table_small():
    assert lcs_table("ab", "b") == [[0, 0], [0, 0], [0, 1]]


def test_lcs_table_dimensions():
    table = lcs_table("abc", "")
    assert table == [[0], [0], [0], [0]]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("ABCBDAB", "BDCABA", 4),
        ("AGGTAB", "GXTXAYB", 4),
        ("", "abc", 0),
        ("abc", "abc", 3),
        ("abc", "def", 0),
        ("a", "a", 1),
        ([1, 3, 4, 1], [3, 4, 1, 2, 1], 3),
    ],
)
def test_lcs_length(a, b, expected):
    assert lcs_length(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("ABCBDAB", "BDCABA", "BCBA"),
        ("AGGTAB", "GXTXAYB", "GTAB"),
        ("abcdef", "acf", "acf"),
        ("", "x", ""),
        ("xyz", "", ""),
        ("ab", "ba", "a"),
        ("abc", "xyz", ""),
        ("ab", "bb", "b"),
        ("a", "ab", "a"),
        ("ba", "a", "a"),
    ],
)
def test_lcs_string(a, b, expected):
    assert lcs_string(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("kitten", "sitting", 3),
        ("flaw", "lawn", 2),
        ("", "abc", 3),
        ("abc", "", 3),
        ("", "", 0),
        ("same", "same", 0),
        ("a", "b", 1),
        ("intention", "execution", 5),
    ],
)
def test_edit_distance(a, b, expected):
    assert edit_distance(a, b) == expected


def test_edit_distance_substitution_cost():
    assert edit_distance("a", "b", sub_cost=2) == 2
    assert edit_distance("abc", "axc", sub_cost=5) == 2
    assert edit_distance("kitten", "sitting", sub_cost=2) == 5


def test_knapsack_classic():
    assert knapsack([10, 20, 30], [60, 100, 120], 50) == (220, [1, 2])


def test_knapsack_picks_many_small_items():
    assert knapsack([1, 3, 4, 5], [1, 4, 5, 7], 7) == (9, [1, 2])


def test_knapsack_exact_fit_boundary():
    assert knapsack([5], [10], 5) == (10, [0])
    assert knapsack([5], [10], 4) == (0, [])


def test_knapsack_zero_capacity_and_no_items():
    assert knapsack([1, 2], [3, 4], 0) == (0, [])
    assert knapsack([], [], 10) == (0, [])


def test_knapsack_tie_prefers_earlier_item():
    assert knapsack([2, 2], [5, 5], 3) == (5, [0])


def test_knapsack_each_item_used_once():
    assert knapsack([2, 1], [3, 2], 2) == (3, [0])
    assert knapsack([1], [5], 3) == (5, [0])


def test_knapsack_skips_worse_item():
    assert knapsack([4, 3, 2], [5, 4, 3], 5) == (7, [1, 2])


def test_knapsack_length_mismatch():
    with pytest.raises(ValueError, match="length"):
        knapsack([1, 2], [1], 3)


def test_knapsack_negative_capacity():
    with pytest.raises(ValueError, match="capacity"):
        knapsack([1], [1], -1)


@pytest.mark.parametrize(
    "coins, amount, expected",
    [
        ([1, 2, 5], 5, 4),
        ([2, 5, 3, 6], 10, 5),
        ([2], 3, 0),
        ([1, 2, 5], 0, 1),
        ([10], 10, 1),
        ([1, 2, 5], -1, 0),
        ([], 4, 0),
        ([3, 7], 21, 2),
    ],
)
def test_coin_change_ways(coins, amount, expected):
    assert coin_change_ways(coins, amount) == expected


@pytest.mark.parametrize(
    "coins, amount, expected",
    [
        ([1, 2, 5], 11, 3),
        ([2], 3, -1),
        ([1], 0, 0),
        ([1], 1, 1),
        ([1], 3, 3),
        ([2, 1], 2, 1),
        ([1, 3, 4], 6, 2),
        ([5, 10], 10, 1),
        ([7], 7, 1),
        ([2, 5], 1, -1),
        ([], 3, -1),
        ([186, 419, 83, 408], 6249, 20),
    ],
)
def test_min_coins(coins, amount, expected):
    assert min_coins(coins, amount) == expected


def test_min_coins_negative_amount():
    with pytest.raises(ValueError):
        min_coins([1], -5)


@pytest.mark.parametrize(
    "seq, expected",
    [
        ([10, 9, 2, 5, 3, 7, 101, 18], [2, 3, 7, 18]),
        ([0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15], [0, 2, 6, 9, 11, 15]),
        ([], []),
        ([5], [5]),
        ([3, 3, 3], [3]),
        ([5, 4, 3, 2], [2]),
        ([1, 2, 3, 4], [1, 2, 3, 4]),
        ([2, 2, 3, 1, 4], [2, 3, 4]),
        ("banana", ["a", "n"]),
    ],
)
def test_longest_increasing_subsequence(seq, expected):
    assert longest_increasing_subsequence(seq) == expected


@pytest.mark.parametrize(
    "prices, length, expected",
    [
        ([1, 5, 8, 9, 10, 17, 17, 20], 8, (22, [6, 2])),
        ([1, 5, 8, 9, 10, 17, 17, 20], 4, (10, [2, 2])),
        ([3, 5, 8, 9, 10, 17, 17, 20], 8, (24, [1, 1, 1, 1, 1, 1, 1, 1])),
        ([1, 5, 8, 9], 0, (0, [])),
        ([2], 3, (6, [1, 1, 1])),
        ([1, 5], 5, (11, [2, 2, 1])),
        ([0, 0, 0], 3, (0, [])),
        ([1, 5, 8, 9], 1, (1, [1])),
    ],
)
def test_rod_cutting(prices, length, expected):
    assert rod_cutting(prices, length) == expected


def test_rod_cutting_negative_length():
    with pytest.raises(ValueError):
        rod_cutting([1, 2], -1)
