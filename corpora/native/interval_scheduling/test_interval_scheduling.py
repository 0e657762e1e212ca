import pytest
from interval_scheduling import (
    free_slots,
    insert_interval,
    intersect_lists,
    max_non_overlapping,
    merge_intervals,
    min_meeting_rooms,
    min_removals,
    normalize,
    overlaps,
    total_covered_length,
)


def test_normalize_converts_to_tuples():
    assert normalize([[1, 2], (3, 3)]) == [(1, 2), (3, 3)]


def test_normalize_rejects_reversed_interval():
    with pytest.raises(ValueError, match="ends before"):
        normalize([(1, 2), (5, 4)])


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ((1, 5), (4, 8), True),
        ((1, 5), (5, 8), False),
        ((4, 8), (1, 5), True),
        ((1, 10), (3, 4), True),
        ((6, 8), (1, 5), False),
        ((5, 8), (1, 5), False),
    ],
)
def test_overlaps(a, b, expected):
    assert overlaps(a, b) is expected


@pytest.mark.parametrize(
    "intervals, expected",
    [
        ([], []),
        ([(1, 3)], [(1, 3)]),
        ([(1, 3), (2, 6), (8, 10), (15, 18)], [(1, 6), (8, 10), (15, 18)]),
        ([(1, 4), (4, 5)], [(1, 5)]),
        ([(5, 7), (1, 2)], [(1, 2), (5, 7)]),
        ([(1, 10), (2, 3), (4, 5)], [(1, 10)]),
        ([(1, 2), (3, 4)], [(1, 2), (3, 4)]),
        ([(1, 2), (3, 4), (4, 6)], [(1, 2), (3, 6)]),
        ([(1, 2), (3, 5), (4, 7)], [(1, 2), (3, 7)]),
        ([[6, 8], [1, 9], [2, 4], [4, 7]], [(1, 9)]),
    ],
)
def test_merge_intervals(intervals, expected):
    assert merge_intervals(intervals) == expected


@pytest.mark.parametrize(
    "disjoint, new, expected",
    [
        ([(1, 3), (6, 9)], (2, 5), [(1, 5), (6, 9)]),
        ([(1, 2), (3, 5), (6, 7), (8, 10), (12, 16)], (4, 8), [(1, 2), (3, 10), (12, 16)]),
        ([], (5, 7), [(5, 7)]),
        ([(1, 5)], (6, 8), [(1, 5), (6, 8)]),
        ([(4, 5)], (1, 2), [(1, 2), (4, 5)]),
        ([(1, 3), (5, 7)], (3, 5), [(1, 7)]),
        ([(1, 3), (8, 9)], (4, 6), [(1, 3), (4, 6), (8, 9)]),
        ([(2, 3), (4, 5)], (0, 10), [(0, 10)]),
    ],
)
def test_insert_interval(disjoint, new, expected):
    assert insert_interval(disjoint, new) == expected


def test_insert_interval_invalid_new():
    with pytest.raises(ValueError):
        insert_interval([(1, 2)], (5, 3))


def test_max_non_overlapping_classic():
    intervals = [(1, 4), (3, 5), (0, 6), (5, 7), (3, 9), (5, 9), (6, 10), (8, 11), (8, 12), (2, 14), (12, 16)]
    assert max_non_overlapping(intervals) == [(1, 4), (5, 7), (8, 11), (12, 16)]


def test_max_non_overlapping_touching_allowed():
    assert max_non_overlapping([(2, 3), (1, 2), (3, 4)]) == [(1, 2), (2, 3), (3, 4)]


def test_max_non_overlapping_prefers_earliest_end():
    assert max_non_overlapping([(0, 10), (1, 2), (2, 9)]) == [(1, 2), (2, 9)]


def test_max_non_overlapping_equal_end_uses_start_order():
    assert max_non_overlapping([(3, 5), (1, 5)]) == [(1, 5)]


def test_max_non_overlapping_empty():
    assert max_non_overlapping([]) == []


@pytest.mark.parametrize(
    "intervals, expected",
    [([(1, 2), (2, 3), (3, 4), (1, 3)], 1), ([(1, 2), (1, 2), (1, 2)], 2), ([(1, 2), (2, 3)], 0), ([], 0)],
)
def test_min_removals(intervals, expected):
    assert min_removals(intervals) == expected


def test_min_removals_accepts_iterator():
    assert min_removals(iter([(0, 5), (1, 2), (3, 4)])) == 1


@pytest.mark.parametrize(
    "intervals, expected",
    [
        ([(0, 30), (5, 10), (15, 20)], 2),
        ([(7, 10), (2, 4)], 1),
        ([(1, 5), (5, 10)], 1),
        ([(1, 5), (2, 6), (3, 7), (4, 8)], 4),
        ([(1, 4), (2, 3), (3, 6), (5, 7)], 2),
        ([], 0),
        ([(3, 3), (3, 3)], 0),
        ([(1, 10), (2, 3), (4, 5), (2, 9)], 3),
        ([(1, 3), (2, 5), (4, 6), (4, 7)], 3),
        ([(2, 2), (1, 3), (2, 2)], 1),
    ],
)
def test_min_meeting_rooms(intervals, expected):
    assert min_meeting_rooms(intervals) == expected


@pytest.mark.parametrize(
    "first, second, expected",
    [
        (
            [(0, 2), (5, 10), (13, 23), (24, 25)],
            [(1, 5), (8, 12), (15, 24), (25, 26)],
            [(1, 2), (8, 10), (15, 23)],
        ),
        ([(1, 3), (5, 9)], [], []),
        ([(1, 7)], [(3, 10)], [(3, 7)]),
        ([(1, 10)], [(2, 3), (4, 5), (6, 12)], [(2, 3), (4, 5), (6, 10)]),
        ([(2, 3), (4, 5), (6, 12)], [(1, 10)], [(2, 3), (4, 5), (6, 10)]),
        ([(1, 4), (6, 8)], [(4, 6)], []),
        ([(1, 5), (7, 9)], [(1, 5), (7, 9)], [(1, 5), (7, 9)]),
    ],
)
def test_intersect_lists(first, second, expected):
    assert intersect_lists(first, second) == expected


@pytest.mark.parametrize(
    "intervals, expected",
    [
        ([], 0),
        ([(1, 4)], 3),
        ([(1, 4), (2, 6)], 5),
        ([(1, 2), (5, 9)], 5),
        ([(0, 10), (2, 3)], 10),
        ([(3, 3)], 0),
    ],
)
def test_total_covered_length(intervals, expected):
    assert total_covered_length(intervals) == expected


@pytest.mark.parametrize(
    "intervals, window, expected",
    [
        ([(9, 10), (12, 13), (16, 18)], (9, 18), [(10, 12), (13, 16)]),
        ([], (0, 5), [(0, 5)]),
        ([(0, 5)], (0, 5), []),
        ([(1, 2)], (0, 5), [(0, 1), (2, 5)]),
        ([(0, 3), (1, 4)], (2, 10), [(4, 10)]),
        ([(10, 12)], (0, 5), [(0, 5)]),
        ([(5, 7)], (0, 5), [(0, 5)]),
        ([(0, 2), (6, 9)], (3, 5), [(3, 5)]),
        ([(0, 1), (2, 3), (4, 5)], (1, 4), [(1, 2), (3, 4)]),
    ],
)
def test_free_slots(intervals, window, expected):
    assert free_slots(intervals, window) == expected


def test_free_slots_invalid_window():
    with pytest.raises(ValueError):
        free_slots([], (5, 1))
