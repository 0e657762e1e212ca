"""Binary search utilities over sorted sequences and monotone predicates."""

from collections.abc import Callable, Sequence


def lower_bound(items: Sequence, target, lo: int = 0, hi: int | None = None) -> int:
    """Return the first index i in [lo, hi) with items[i] >= target (hi if none)."""
    if hi is None:
        hi = len(items)
    if lo < 0 or hi > len(items) or lo > hi:
        raise ValueError("invalid search bounds")
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def upper_bound(items: Sequence, target, lo: int = 0, hi: int | None = None) -> int:
    """Return the first index i in [lo, hi) with items[i] > target (hi if none)."""
    if hi is None:
        hi = len(items)
    if lo < 0 or hi > len(items) or lo > hi:
        raise ValueError("invalid search bounds")
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] <= target:
            lo = mid + 1
        else:
            hi = mid
    return lo


def first_occurrence(items: Sequence, target) -> int:
    """Index of the first element equal to target, or -1."""
    idx = lower_bound(items, target)
    if idx < len(items) and items[idx] == target:
        return idx
    return -1


def last_occurrence(items: Sequence, target) -> int:
    """Index of the last element equal to target, or -1."""
    idx = upper_bound(items, target) - 1
    if idx >= 0 and items[idx] == target:
        return idx
    return -1


def count_occurrences(items: Sequence, target) -> int:
    """Number of elements equal to target in a sorted sequence."""
    return upper_bound(items, target) - lower_bound(items, target)


def first_true(lo: int, hi: int, predicate: Callable[[int], bool]) -> int:
    """Smallest x in [lo, hi) where a monotone predicate holds, or hi if none."""
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if predicate(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def isqrt(n: int) -> int:
    """Integer square root (floor) computed by bisection."""
    if n < 0:
        raise ValueError("square root of negative number")
    # the answer is the last x with x*x <= n, i.e. one before the first x with x*x > n
    return first_true(0, n + 1, lambda x: x * x > n) - 1


def find_rotation_point(items: Sequence) -> int:
    """Index of the smallest element in a rotated sorted array of distinct values."""
    if not items:
        raise ValueError("empty sequence")
    lo, hi = 0, len(items) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] > items[hi]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def search_rotated(items: Sequence, target) -> int:
    """Index of target in a rotated sorted array of distinct values, or -1."""
    lo, hi = 0, len(items) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if items[mid] == target:
            return mid
        if items[lo] <= items[mid]:
            if items[lo] <= target < items[mid]:
                hi = mid - 1
            else:
                lo = mid + 1
        else:
            if items[mid] < target <= items[hi]:
                lo = mid + 1
            else:
                hi = mid - 1
    return -1


def find_peak(items: Sequence) -> int:
    """Index of some element strictly greater than its neighbours.

    Neighbours outside the sequence count as minus infinity and adjacent
    elements are assumed distinct.
    """
    if not items:
        raise ValueError("empty sequence")
    lo, hi = 0, len(items) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < items[mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo


def closest_value(items: Sequence, target):
    """Element of a sorted sequence closest to target; ties go to the smaller one."""
    if not items:
        raise ValueError("empty sequence")
    idx = lower_bound(items, target)
    if idx == 0:
        return items[0]
    if idx == len(items):
        return items[-1]
    before, after = items[idx - 1], items[idx]
    if target - before <= after - target:
        return before
    return after
