import pytest

from priority_queue import MinHeap, RunningMedian, heap_sort, merge_k_sorted, running_medians


def drain(heap):
    out = []
    while heap:
        out.append(heap.pop())
    return out


def build(*pairs):
    """Build a heap by pushing (item, priority) pairs in order."""
    heap = MinHeap()
    for item, priority in pairs:
        heap.push(item, priority)
    return heap


def test_empty_heap():
    h = MinHeap()
    assert len(h) == 0
    assert not h
    assert h.is_valid()


def test_push_and_peek():
    h = build(("a", 5), ("b", 2), ("c", 7))
    assert h.peek() == ("b", 2)
    assert len(h) == 3


def test_pop_order():
    h = build(("a", 5), ("b", 2), ("c", 7), ("d", 1), ("e", 3))
    assert drain(h) == [("d", 1), ("b", 2), ("e", 3), ("a", 5), ("c", 7)]


def test_ties_are_fifo():
    h = build(("x", 1), ("y", 1), ("z", 1))
    assert [item for item, _ in drain(h)] == ["x", "y", "z"]


def test_ties_fifo_after_heapify():
    h = MinHeap([(2, "p"), (1, "q"), (2, "r"), (1, "s")])
    assert [item for item, _ in drain(h)] == ["q", "s", "p", "r"]


def test_peek_empty():
    with pytest.raises(IndexError):
        MinHeap().peek()


def test_pop_empty():
    with pytest.raises(IndexError):
        MinHeap().pop()


def test_push_duplicate():
    h = build(("a", 1))
    with pytest.raises(KeyError):
        h.push("a", 2)


def test_contains():
    h = build(("a", 1), ("b", 2))
    assert "a" in h
    assert "z" not in h
    h.pop()
    assert "a" not in h


def test_heapify_constructor():
    h = MinHeap([(9, "i"), (4, "d"), (7, "g"), (1, "a"), (8, "h"), (2, "b"), (3, "c")])
    assert h.is_valid()
    assert [p for _, p in drain(h)] == [1, 2, 3, 4, 7, 8, 9]


def test_heapify_replaces_contents():
    h = build(("old", 0))
    h.heapify([(3, "x"), (1, "y")])
    assert "old" not in h
    assert drain(h) == [("y", 1), ("x", 3)]


def test_heapify_duplicate():
    with pytest.raises(KeyError):
        MinHeap([(1, "a"), (2, "a")])


def test_heapify_sifts_to_right_grandchild():
    h = MinHeap([(9, "a"), (5, "b"), (1, "c"), (8, "d"), (2, "e")])
    assert h.is_valid() is True
    assert [p for _, p in drain(h)] == [1, 2, 5, 8, 9]


def test_heapify_two_elements():
    h = MinHeap([(5, "a"), (1, "b")])
    assert h.peek() == ("b", 1)


def test_sift_down_picks_smaller_child():
    h = MinHeap([(10, "root"), (5, "left"), (3, "right")])
    assert h.pop() == ("right", 3)
    assert h.pop() == ("left", 5)


def test_decrease_key_moves_to_top():
    h = build(("a", 1), ("b", 5), ("c", 6), ("d", 8))
    h.decrease_key("d", 0)
    assert h.peek() == ("d", 0)
    assert h.is_valid()


def test_decrease_key_equal_priority_allowed():
    h = build(("a", 1), ("b", 5))
    h.decrease_key("b", 5)
    assert h.priority_of("b") == 5


def test_decrease_key_larger_raises():
    h = build(("a", 1), ("b", 5))
    with pytest.raises(ValueError):
        h.decrease_key("a", 2)


def test_decrease_key_missing():
    with pytest.raises(KeyError):
        MinHeap().decrease_key("nope", 1)


def test_priority_of():
    h = build(("a", 4), ("b", 2))
    assert h.priority_of("a") == 4


def test_remove_returns_priority():
    h = build(("a", 1), ("b", 5), ("c", 3))
    assert h.remove("b") == 5
    assert drain(h) == [("a", 1), ("c", 3)]


def test_remove_root():
    h = build(("a", 1), ("b", 5), ("c", 3))
    assert h.remove("a") == 1
    assert h.is_valid()
    assert h.peek() == ("c", 3)


def test_remove_last_position():
    h = build(("a", 1), ("b", 5), ("c", 3))
    assert h.remove("c") == 3
    assert drain(h) == [("a", 1), ("b", 5)]


def test_remove_requires_sift_up():
    # layout: [1, 10, 2, 11, 12, 3, 4]; removing 11 moves 4 under 10, which must rise
    h = build(("a", 1), ("b", 10), ("c", 2), ("d", 11), ("e", 12), ("f", 3), ("g", 4))
    h.remove("d")
    assert h.is_valid()
    assert [p for _, p in drain(h)] == [1, 2, 3, 4, 10, 12]


def test_remove_requires_sift_down():
    h = build(("a", 1), ("b", 2), ("c", 30), ("d", 3), ("e", 4), ("f", 31), ("g", 32))
    h.remove("b")
    assert h.is_valid()
    assert [p for _, p in drain(h)] == [1, 3, 4, 30, 31, 32]


def test_remove_missing():
    with pytest.raises(KeyError):
        build(("a", 1)).remove("b")


def test_is_valid_detects_bad_order():
    h = build(("a", 1), ("b", 2))
    h._heap[1][0] = 0
    assert h.is_valid() is False


def test_is_valid_detects_bad_index_map():
    h = build(("a", 1), ("b", 2))
    h._pos["a"] = 1
    assert h.is_valid() is False


def test_is_valid_detects_stale_map_entry():
    h = build(("a", 1), ("b", 2))
    h._pos["ghost"] = 5
    assert h.is_valid() is False


def test_stays_valid_through_mixed_operations():
    h = MinHeap()
    for i, p in enumerate([7, 3, 9, 1, 4, 8, 2, 6, 5]):
        h.push(i, p)
        assert h.is_valid()
    h.remove(2)
    h.decrease_key(7, 0)
    assert h.is_valid()
    assert [p for _, p in drain(h)] == [0, 1, 2, 3, 4, 5, 7, 8]


@pytest.mark.parametrize(
    "values, expected",
    [([], []), ([4], [4]), ([5, 3, 8, 1, 9, 2], [1, 2, 3, 5, 8, 9]), ([2, 2, 1, 2], [1, 2, 2, 2]),
     ([-1, -5, 0], [-5, -1, 0])],
)
def test_heap_sort(values, expected):
    assert heap_sort(values) == expected


def test_heap_sort_reverse():
    assert heap_sort([3, 1, 2], reverse=True) == [3, 2, 1]


@pytest.mark.parametrize(
    "lists, expected",
    [
        ([[1, 4, 7], [2, 5], [], [0, 3, 9]], [0, 1, 2, 3, 4, 5, 7, 9]),
        ([], []),
        ([[], []], []),
        ([[1, 2, 3]], [1, 2, 3]),
        ([[1, 1], [1]], [1, 1, 1]),
        ([[5], [1, 2, 3, 4]], [1, 2, 3, 4, 5]),
    ],
)
def test_merge_k_sorted(lists, expected):
    assert merge_k_sorted(lists) == expected


def test_running_medians():
    assert running_medians([5, 15, 1, 3, 2, 8, 7]) == [5, 10.0, 5, 4.0, 3, 4.0, 5]


def test_running_medians_descending():
    assert running_medians([9, 8, 7, 6]) == [9, 8.5, 8, 7.5]


def test_running_medians_duplicates():
    assert running_medians([2, 2, 2, 1, 3]) == [2, 2.0, 2, 2.0, 2]


def test_running_median_empty():
    rm = RunningMedian()
    assert len(rm) == 0
    with pytest.raises(IndexError):
        rm.median()


def test_running_median_len_and_balance():
    rm = RunningMedian()
    for v in [1, 2, 3, 4, 5]:
        rm.add(v)
    assert len(rm) == 5
    assert rm.median() == 3
    rm.add(100)
    assert rm.median() == 3.5
