"""Interval algorithms on half-open intervals [start, end) given as pairs."""

from collections.abc import Iterable

Interval = tuple[int, int]


def normalize(intervals: Iterable) -> list[Interval]:
    """Validate intervals and return them as a list of (start, end) tuples."""
    result = []
    for item in intervals:
        start, end = item
        if start > end:
            raise ValueError(f"interval {item!r} ends before it starts")
        result.append((start, end))
    return result


def overlaps(a: Interval, b: Interval) -> bool:
    """True when two half-open intervals share at least one point."""
    return a[0] < b[1] and b[0] < a[1]


def merge_intervals(intervals: Iterable) -> list[Interval]:
    """Union of intervals as sorted disjoint intervals; touching ones are joined."""
    ordered = sorted(normalize(intervals))
    merged: list[Interval] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def insert_interval(disjoint: Iterable, new: Interval) -> list[Interval]:
    """Insert new into sorted disjoint intervals, merging where needed."""
    start, end = normalize([new])[0]
    items = normalize(disjoint)
    result = []
    i = 0
    while i < len(items) and items[i][1] < start:
        result.append(items[i])
        i += 1
    while i < len(items) and items[i][0] <= end:
        start = min(start, items[i][0])
        end = max(end, items[i][1])
        i += 1
    result.append((start, end))
    result.extend(items[i:])
    return result


def max_non_overlapping(intervals: Iterable) -> list[Interval]:
    """Largest set of pairwise disjoint intervals (earliest-finish greedy)."""
    ordered = sorted(normalize(intervals), key=lambda iv: (iv[1], iv[0]))
    chosen: list[Interval] = []
    for start, end in ordered:
        if not chosen or start >= chosen[-1][1]:
            chosen.append((start, end))
    return chosen


def min_removals(intervals: Iterable) -> int:
    """Fewest intervals to delete so that the rest do not overlap."""
    items = normalize(intervals)
    return len(items) - len(max_non_overlapping(items))


def min_meeting_rooms(intervals: Iterable) -> int:
    """Minimum number of rooms so that no two meetings in a room overlap."""
    events = []
    for start, end in normalize(intervals):
        events.append((start, 1))
        events.append((end, -1))
    # at equal times the -1 (a meeting ending) sorts first and frees its room,
    # which also keeps zero-length meetings from occupying one
    events.sort()
    rooms = peak = 0
    for _, delta in events:
        rooms += delta
        peak = max(peak, rooms)
    return peak


def intersect_lists(first: Iterable, second: Iterable) -> list[Interval]:
    """Pairwise intersection of two sorted lists of disjoint intervals."""
    a, b = normalize(first), normalize(second)
    i = j = 0
    result = []
    while i < len(a) and j < len(b):
        lo = max(a[i][0], b[j][0])
        hi = min(a[i][1], b[j][1])
        if lo < hi:
            result.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def total_covered_length(intervals: Iterable) -> int:
    """Length of the union of the intervals."""
    return sum(end - start for start, end in merge_intervals(intervals))


def free_slots(intervals: Iterable, window: Interval) -> list[Interval]:
    """Gaps inside window not covered by any interval."""
    lo, hi = normalize([window])[0]
    gaps = []
    cursor = lo
    for start, end in merge_intervals(intervals):
        if start >= hi:
            break
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < hi:
        gaps.append((cursor, hi))
    return gaps
