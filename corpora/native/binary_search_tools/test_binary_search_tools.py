import pytest
from binary_search_tools import (
    closest_value,
    count_occurrences,
    find_peak,
    find_rotation_point,
    first_occurrence,
    first_true,
    isqrt,
    last_occurrence,
    lower_bound,
    search_rotated,
    upper_bound,
)

DATA = [1, 2, 2, 2, 5, 7, 7, 9]


@pytest.mark.parametrize(
    "target, expected",
    [(0, 0), (1, 0), (2, 1), (3, 4), (5, 4), (7, 5), (8, 7), (9, 7), (10, 8)],
)
def test_lower_bound(target, expected):
    assert lower_bound(DATA, target) == expected


@pytest.mark.parametrize(
    "target, expected",
    [(0, 0), (1, 1), (2, 4), (3, 4), (5, 5), (7, 7), (9, 8), (10, 8)],
)
def test_upper_bound(target, expected):
    assert upper_bound(DATA, target) == expected


def test_bounds_on_empty_sequence():
    assert lower_bound([], 3) == 0
    assert upper_bound([], 3) == 0


def test_lower_bound_with_explicit_range():
    assert lower_bound(DATA, 2, 2, 6) == 2
    assert lower_bound(DATA, 8, 0, 5) == 5
    assert lower_bound(DATA, 0, 3, 8) == 3


def test_upper_bound_with_explicit_range():
    assert upper_bound(DATA, 2, 0, 3) == 3
    assert upper_bound(DATA, 7, 5, 8) == 7
    assert upper_bound(DATA, 0, 4, 8) == 4


@pytest.mark.parametrize("func", [lower_bound, upper_bound])
@pytest.mark.parametrize("lo, hi", [(-1, 3), (0, 9), (5, 4)])
def test_bounds_reject_invalid_range(func, lo, hi):
    with pytest.raises(ValueError):
        func(DATA, 2, lo, hi)


@pytest.mark.parametrize("func", [lower_bound, upper_bound])
def test_bounds_accept_full_explicit_range(func):
    assert func(DATA, 100, 0, 8) == 8
    assert func(DATA, 100, 8, 8) == 8


@pytest.mark.parametrize("target, expected", [(2, 1), (7, 5), (1, 0), (9, 7), (3, -1), (0, -1), (10, -1)])
def test_first_occurrence(target, expected):
    assert first_occurrence(DATA, target) == expected


@pytest.mark.parametrize("target, expected", [(2, 3), (7, 6), (1, 0), (9, 7), (3, -1), (0, -1), (10, -1)])
def test_last_occurrence(target, expected):
    assert last_occurrence(DATA, target) == expected


def test_occurrence_in_empty():
    assert first_occurrence([], 1) == -1
    assert last_occurrence([], 1) == -1


@pytest.mark.parametrize("target, expected", [(2, 3), (7, 2), (5, 1), (4, 0), (10, 0)])
def test_count_occurrences(target, expected):
    assert count_occurrences(DATA, target) == expected


def test_first_true_finds_threshold():
    assert first_true(0, 100, lambda x: x >= 37) == 37
    assert first_true(5, 10, lambda x: True) == 5


def test_first_true_none_true_returns_hi():
    assert first_true(0, 10, lambda x: False) == 10


def test_first_true_negative_range():
    assert first_true(-50, 50, lambda x: 3 * x > -10) == -3


@pytest.mark.parametrize(
    "n, expected",
    [
        (0, 0),
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 2),
        (8, 2),
        (9, 3),
        (15, 3),
        (16, 4),
        (99, 9),
        (100, 10),
        (10**12 + 1, 10**6),
    ],
)
def test_isqrt(n, expected):
    assert isqrt(n) == expected


def test_isqrt_negative():
    with pytest.raises(ValueError):
        isqrt(-1)


@pytest.mark.parametrize(
    "items, expected",
    [
        ([4, 5, 6, 7, 0, 1, 2], 4),
        ([1, 2, 3, 4], 0),
        ([2, 1], 1),
        ([5], 0),
        ([3, 4, 5, 1, 2], 3),
        ([9, 1, 2, 3, 4, 5], 1),
    ],
)
def test_find_rotation_point(items, expected):
    assert find_rotation_point(items) == expected


def test_find_rotation_point_empty():
    with pytest.raises(ValueError):
        find_rotation_point([])


ROTATED = [15, 18, 22, 30, 2, 5, 8, 11]


@pytest.mark.parametrize("target, expected", list(zip(ROTATED, range(len(ROTATED)), strict=True)))
def test_search_rotated_finds_every_element(target, expected):
    assert search_rotated(ROTATED, target) == expected


@pytest.mark.parametrize("target", [0, 3, 12, 16, 31, 40])
def test_search_rotated_missing(target):
    assert search_rotated(ROTATED, target) == -1


def test_search_rotated_other_rotations():
    items = [6, 7, 1, 2, 3, 4, 5]
    for index, value in enumerate(items):
        assert search_rotated(items, value) == index
    assert search_rotated([1, 2, 3], 3) == 2
    assert search_rotated([3, 1], 1) == 1
    assert search_rotated([], 1) == -1


@pytest.mark.parametrize(
    "items, expected",
    [
        ([1, 3, 2], 1),
        ([1, 2, 3, 4], 3),
        ([4, 3, 2, 1], 0),
        ([7], 0),
        ([1, 5, 2, 8, 3], 3),
        ([2, 1, 3], 2),
        ([1, 2, 1, 3, 5, 6, 4], 5),
    ],
)
def test_find_peak(items, expected):
    assert find_peak(items) == expected


def test_find_peak_empty():
    with pytest.raises(ValueError):
        find_peak([])


@pytest.mark.parametrize(
    "target, expected",
    [(-5, 1), (1, 1), (3, 2), (3.5, 2), (4, 5), (6, 5), (6.5, 7), (8, 7), (100, 9)],
)
def test_closest_value(target, expected):
    assert closest_value(DATA, target) == expected


def test_closest_value_empty():
    with pytest.raises(ValueError):
        closest_value([], 1)


def test_first_true_uses_logarithmic_probes():
    calls = []

    def predicate(x):
        calls.append(x)
        return x >= 700

    assert first_true(0, 1024, predicate) == 700
    assert len(calls) <= 10


class CountingList(list):
    def __init__(self, *args):
        super().__init__(*args)
        self.reads = 0

    def __getitem__(self, index):
        self.reads += 1
        return super().__getitem__(index)


def test_lower_bound_uses_logarithmic_reads():
    items = CountingList(range(0, 2048, 2))
    assert lower_bound(items, 1001) == 501
    assert items.reads <= 10


def test_upper_bound_uses_logarithmic_reads():
    items = CountingList(range(0, 2048, 2))
    assert upper_bound(items, 1000) == 501
    assert items.reads <= 10


@pytest.mark.parametrize(
    "items",
    [[3, 1, 2], [2, 3, 1], [1, 2, 3], [2, 1], [1, 2], [5, 6, 7, 8, 9, 1, 2], [8, 9, 1, 2, 3, 4, 5, 6, 7]],
)
def test_search_rotated_small_arrays(items):
    for index, value in enumerate(items):
        assert search_rotated(items, value) == index
    assert search_rotated(items, 0) == -1
    assert search_rotated(items, 10) == -1


def test_search_rotated_uses_logarithmic_reads():
    base = list(range(100, 164))
    for shift in (5, 20, 40, 60):
        items = CountingList(base[shift:] + base[:shift])
        assert search_rotated(items, 100 + shift - 1) == len(base) - 1
        assert items.reads <= 5 * 7
