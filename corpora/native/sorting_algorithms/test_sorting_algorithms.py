import pytest
from sorting_algorithms import (
    counting_sort,
    heap_sort,
    insertion_sort,
    is_sorted,
    median_of_three,
    merge_sort,
    partition3,
    quickselect,
    quicksort,
    sort_by_key,
)

CASES = [
    [],
    [1],
    [2, 1],
    [1, 2],
    [3, 1, 2],
    [5, 4, 3, 2, 1],
    [1, 2, 3, 4, 5],
    [4, 1, 3, 1, 4, 1, 5, 9, 2, 6],
    [7, 7, 7, 7],
    [-3, 10, 0, -3, 8, -1, 2],
    [38, 27, 43, 3, 9, 82, 10, 3, 55, 21, 17, 64, 5, 0, 99, 46],
    [2, 2, 1, 1, 3, 3, 2, 1],
]

SORTS = [insertion_sort, merge_sort, quicksort, heap_sort]


@pytest.mark.parametrize("sort", SORTS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("data", CASES, ids=str)
def test_general_sorts(sort, data):
    assert sort(data) == sorted(data)


@pytest.mark.parametrize("sort", SORTS + [counting_sort], ids=lambda f: f.__name__)
def test_sorts_do_not_modify_input(sort):
    data = [3, 1, 2]
    sort(data)
    assert data == [3, 1, 2]


@pytest.mark.parametrize("sort", SORTS, ids=lambda f: f.__name__)
def test_sorts_accept_iterators(sort):
    assert sort(iter([3, 1, 2])) == [1, 2, 3]


def test_sorts_large_pattern():
    data = [(i * 37) % 101 - 50 for i in range(300)]
    expected = sorted(data)
    for sort in SORTS:
        assert sort(data) == expected


def test_insertion_sort_strings():
    assert insertion_sort(["pear", "apple", "fig"]) == ["apple", "fig", "pear"]


@pytest.mark.parametrize(
    "data, expected",
    [([], True), ([1], True), ([1, 1, 2], True), ([1, 3, 2], False), ([2, 1], False), ([1, 2, 2, 0], False)],
)
def test_is_sorted(data, expected):
    assert is_sorted(data) is expected


@pytest.mark.parametrize(
    "data, expected",
    [([3, 3, 1], True), ([3, 1, 2], False), ([1, 2], False), ([5], True)],
)
def test_is_sorted_reverse(data, expected):
    assert is_sorted(data, reverse=True) is expected


def test_is_sorted_with_key():
    assert is_sorted(["ccc", "a", "bb"], key=len) is False
    assert is_sorted(["a", "bb", "ccc"], key=len) is True
    assert is_sorted(["zz", "b", "a"], key=len, reverse=True) is True


def test_merge_sort_is_stable_with_key():
    data = [("b", 2), ("a", 1), ("c", 2), ("d", 1), ("e", 0)]
    result = merge_sort(data, key=lambda p: p[1])
    assert result == [("e", 0), ("a", 1), ("d", 1), ("b", 2), ("c", 2)]


def test_sort_by_key_stable():
    words = ["bob", "al", "eve", "jo", "x", "sam"]
    assert sort_by_key(words, len) == ["x", "al", "jo", "bob", "eve", "sam"]


def test_sort_by_key_reverse_keeps_ties_in_order():
    words = ["bob", "al", "eve", "jo", "x", "sam"]
    assert sort_by_key(words, len, reverse=True) == ["bob", "eve", "sam", "al", "jo", "x"]


def test_sort_by_key_reverse_numbers():
    assert sort_by_key([3, -5, 1, 4], abs, reverse=True) == [-5, 4, 3, 1]
    assert sort_by_key([], abs, reverse=True) == []


def test_partition3_regions():
    data = [9, 5, 1, 5, 7, 2, 5, 8]
    lt, gt = partition3(data, 0, len(data) - 1, 5)
    assert (lt, gt) == (2, 4)
    assert sorted(data[:lt]) == [1, 2]
    assert data[lt : gt + 1] == [5, 5, 5]
    assert sorted(data[gt + 1 :]) == [7, 8, 9]


def test_partition3_subrange_only():
    data = [9, 3, 1, 2, 0]
    lt, gt = partition3(data, 1, 3, 2)
    assert (lt, gt) == (2, 2)
    assert data[0] == 9 and data[4] == 0
    assert data[1:4] == [1, 2, 3]


def test_partition3_pivot_absent():
    data = [4, 6, 1]
    assert partition3(data, 0, 2, 5) == (2, 1)
    assert sorted(data[:2]) == [1, 4]


@pytest.mark.parametrize(
    "data, expected",
    [
        ([], []),
        ([3], [3]),
        ([4, 1, 3, 1, 0], [0, 1, 1, 3, 4]),
        ([-2, 5, -2, 0], [-2, -2, 0, 5]),
        ([7, 7], [7, 7]),
    ],
)
def test_counting_sort(data, expected):
    assert counting_sort(data) == expected


def test_counting_sort_with_bounds():
    assert counting_sort([3, 0, 2], min_value=0, max_value=5) == [0, 2, 3]
    assert counting_sort([5, 1], min_value=1, max_value=5) == [1, 5]


@pytest.mark.parametrize("data", [[3, 9], [0, 5], [-1, 2]])
def test_counting_sort_out_of_bounds(data):
    with pytest.raises(ValueError, match="outside"):
        counting_sort(data, min_value=0, max_value=4)


def test_counting_sort_bad_bounds():
    with pytest.raises(ValueError, match="must not exceed"):
        counting_sort([1], min_value=3, max_value=2)


@pytest.mark.parametrize("k", range(1, 11))
def test_quickselect_every_rank(k):
    data = [4, 1, 3, 1, 5, 9, 2, 6, 5, 3]
    assert quickselect(data, k) == sorted(data)[k - 1]


def test_quickselect_single_and_duplicates():
    assert quickselect([42], 1) == 42
    assert quickselect([2, 2, 2, 2], 3) == 2


def test_quickselect_does_not_modify_input():
    data = [3, 1, 2]
    assert quickselect(data, 2) == 2
    assert data == [3, 1, 2]


@pytest.mark.parametrize("k", [0, 4, -1])
def test_quickselect_out_of_range(k):
    with pytest.raises(IndexError):
        quickselect([1, 2, 3], k)


def test_quickselect_large():
    data = [(i * 53) % 97 for i in range(97)]
    assert quickselect(data, 1) == 0
    assert quickselect(data, 50) == 49
    assert quickselect(data, 97) == 96


@pytest.mark.parametrize(
    "a, b, c",
    [(1, 2, 3), (1, 3, 2), (2, 1, 3), (2, 3, 1), (3, 1, 2), (3, 2, 1), (2, 2, 1), (1, 2, 2), (2, 1, 2)],
)
def test_median_of_three(a, b, c):
    assert median_of_three(a, b, c) == sorted([a, b, c])[1]


class Record:
    """Orders by key only, so equal keys expose the stability of a sort."""

    compares = 0

    def __init__(self, key, tag):
        self.key = key
        self.tag = tag

    def __lt__(self, other):
        Record.compares += 1
        return self.key < other.key

    def __gt__(self, other):
        Record.compares += 1
        return self.key > other.key


def test_insertion_sort_is_stable():
    records = [Record(2, "a"), Record(1, "b"), Record(2, "c"), Record(1, "d"), Record(0, "e")]
    assert [r.tag for r in insertion_sort(records)] == ["e", "b", "d", "a", "c"]


def test_merge_sort_is_stable_without_key():
    records = [Record(3, "x"), Record(3, "y"), Record(1, "z"), Record(3, "w")]
    assert [r.tag for r in merge_sort(records)] == ["z", "x", "y", "w"]


def test_quicksort_sorted_input_is_not_quadratic():
    records = [Record(i, i) for i in range(512)]
    Record.compares = 0
    assert [r.key for r in quicksort(records)] == list(range(512))
    assert Record.compares <= 4 * 512 * 9


def test_quickselect_is_linear_on_sorted_input():
    records = [Record(i, i) for i in range(512)]
    Record.compares = 0
    assert quickselect(records, 200).key == 199
    assert Record.compares <= 8 * 512
