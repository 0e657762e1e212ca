"""Classic comparison and counting sorts, all returning new lists."""

from collections.abc import Callable, Iterable, Sequence


def is_sorted(items: Sequence, key: Callable | None = None, reverse: bool = False) -> bool:
    """True when items are in non-decreasing (or non-increasing) order."""
    keys = [key(x) for x in items] if key else list(items)
    for i in range(1, len(keys)):
        if reverse:
            if keys[i - 1] < keys[i]:
                return False
        elif keys[i] < keys[i - 1]:
            return False
    return True


def insertion_sort(items: Iterable) -> list:
    """Stable insertion sort."""
    result = list(items)
    for i in range(1, len(result)):
        current = result[i]
        j = i - 1
        while j >= 0 and result[j] > current:
            result[j + 1] = result[j]
            j -= 1
        result[j + 1] = current
    return result


def _merge(left: list, right: list, key: Callable) -> list:
    merged = []
    i = j = 0
    while i < len(left) and j < len(right):
        if key(right[j]) < key(left[i]):
            merged.append(right[j])
            j += 1
        else:
            merged.append(left[i])
            i += 1
    merged.extend(left[i:])
    merged.extend(right[j:])
    return merged


def merge_sort(items: Iterable, key: Callable | None = None) -> list:
    """Stable top-down merge sort."""
    data = list(items)
    if len(data) <= 1:
        return data
    mid = len(data) // 2
    key = key or (lambda x: x)
    return _merge(merge_sort(data[:mid], key), merge_sort(data[mid:], key), key)


def sort_by_key(items: Iterable, key: Callable, reverse: bool = False) -> list:
    """Stable sort by key; with reverse=True equal keys still keep their input order."""
    if not reverse:
        return merge_sort(items, key)
    return merge_sort(items, key=lambda item: _Reversed(key(item)))


class _Reversed:
    """Wrapper that inverts the ordering of the wrapped value."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __lt__(self, other: "_Reversed") -> bool:
        return other.value < self.value


def partition3(data: list, lo: int, hi: int, pivot) -> tuple[int, int]:
    """Dutch-flag partition of data[lo:hi+1] around pivot.

    Returns (lt, gt) such that data[lo:lt] < pivot, data[lt:gt+1] == pivot
    and data[gt+1:hi+1] > pivot.
    """
    lt, i, gt = lo, lo, hi
    while i <= gt:
        if data[i] < pivot:
            data[lt], data[i] = data[i], data[lt]
            lt += 1
            i += 1
        elif data[i] > pivot:
            data[i], data[gt] = data[gt], data[i]
            gt -= 1
        else:
            i += 1
    return lt, gt


def quicksort(items: Iterable) -> list:
    """Quicksort with three-way partitioning and median-of-three pivot."""
    data = list(items)
    _quicksort(data, 0, len(data) - 1)
    return data


def median_of_three(a, b, c):
    if a < b:
        if b < c:
            return b
        return c if a < c else a
    if a < c:
        return a
    return c if b < c else b


def _quicksort(data: list, lo: int, hi: int) -> None:
    if lo >= hi:
        return
    pivot = median_of_three(data[lo], data[(lo + hi) // 2], data[hi])
    lt, gt = partition3(data, lo, hi, pivot)
    _quicksort(data, lo, lt - 1)
    _quicksort(data, gt + 1, hi)


def _sift_down(heap: list, start: int, end: int) -> None:
    root = start
    while 2 * root + 1 < end:
        child = 2 * root + 1
        if child + 1 < end and heap[child] < heap[child + 1]:
            child += 1
        if heap[root] < heap[child]:
            heap[root], heap[child] = heap[child], heap[root]
            root = child
        else:
            return


def heap_sort(items: Iterable) -> list:
    """In-place max-heap sort on a copy of the input."""
    heap = list(items)
    n = len(heap)
    for start in range(n // 2 - 1, -1, -1):
        _sift_down(heap, start, n)
    for end in range(n - 1, 0, -1):
        heap[0], heap[end] = heap[end], heap[0]
        _sift_down(heap, 0, end)
    return heap


def counting_sort(
    items: Iterable[int], min_value: int | None = None, max_value: int | None = None
) -> list[int]:
    """Sort integers by counting; bounds are inferred when not given."""
    data = list(items)
    if not data:
        return []
    low = min(data) if min_value is None else min_value
    high = max(data) if max_value is None else max_value
    if low > high:
        raise ValueError("min_value must not exceed max_value")
    counts = [0] * (high - low + 1)
    for value in data:
        if value < low or value > high:
            raise ValueError(f"value {value} outside [{low}, {high}]")
        counts[value - low] += 1
    result = []
    for offset, count in enumerate(counts):
        result.extend([low + offset] * count)
    return result


def quickselect(items: Iterable, k: int):
    """Return the k-th smallest element (k is 1-based)."""
    data = list(items)
    if not 1 <= k <= len(data):
        raise IndexError("k out of range")
    target = k - 1
    lo, hi = 0, len(data) - 1
    while True:
        pivot = median_of_three(data[lo], data[(lo + hi) // 2], data[hi])
        lt, gt = partition3(data, lo, hi, pivot)
        if target < lt:
            hi = lt - 1
        elif target > gt:
            lo = gt + 1
        else:
            return data[target]
