"""Binary min-heap with an index map, plus heap-based utilities."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from itertools import count
from typing import Any


class MinHeap:
    """Min-heap of (priority, item) pairs; items must be hashable and unique.

    An item -> position map allows decrease_key and remove of arbitrary items.
    Ties on priority are broken by insertion order (first in, first out).
    """

    def __init__(self, pairs: Iterable[tuple[float, Hashable]] = ()) -> None:
        self._counter = count()
        self.heapify(pairs)

    def __len__(self) -> int:
        return len(self._heap)

    def __contains__(self, item: Hashable) -> bool:
        return item in self._pos

    def _entry(self, priority: float, item: Hashable) -> list[Any]:
        return [priority, next(self._counter), item]

    def heapify(self, pairs: Iterable[tuple[float, Hashable]]) -> None:
        """Replace the contents with ``pairs`` in O(n)."""
        self._heap: list[list[Any]] = []
        self._pos: dict[Hashable, int] = {}
        for priority, item in pairs:
            if item in self._pos:
                raise KeyError(f"duplicate item: {item!r}")
            self._pos[item] = len(self._heap)
            self._heap.append(self._entry(priority, item))
        for i in range(len(self._heap) // 2 - 1, -1, -1):
            self._sift_down(i)

    def _less(self, i: int, j: int) -> bool:
        a, b = self._heap[i], self._heap[j]
        return (a[0], a[1]) < (b[0], b[1])

    def _swap(self, i: int, j: int) -> None:
        heap = self._heap
        heap[i], heap[j] = heap[j], heap[i]
        self._pos[heap[i][2]] = i
        self._pos[heap[j][2]] = j

    def _sift_up(self, i: int) -> None:
        while i > 0:
            parent = (i - 1) // 2
            if not self._less(i, parent):
                break
            self._swap(i, parent)
            i = parent

    def _sift_down(self, i: int) -> None:
        n = len(self._heap)
        while True:
            smallest = i
            for child in (2 * i + 1, 2 * i + 2):
                if child < n and self._less(child, smallest):
                    smallest = child
            if smallest == i:
                return
            self._swap(i, smallest)
            i = smallest

    def push(self, item: Hashable, priority: float) -> None:
        if item in self._pos:
            raise KeyError(f"duplicate item: {item!r}")
        self._heap.append(self._entry(priority, item))
        self._pos[item] = len(self._heap) - 1
        self._sift_up(len(self._heap) - 1)

    def peek(self) -> tuple[Hashable, float]:
        """Smallest (item, priority) without removing it; IndexError when empty."""
        priority, _, item = self._heap[0]
        return item, priority

    def pop(self) -> tuple[Hashable, float]:
        """Remove and return the smallest (item, priority); IndexError when empty."""
        return self._remove_at(0)

    def _remove_at(self, i: int) -> tuple[Hashable, float]:
        self._swap(i, len(self._heap) - 1)
        priority, _, item = self._heap.pop()
        del self._pos[item]
        if i < len(self._heap):
            self._sift_down(i)
            self._sift_up(i)
        return item, priority

    def remove(self, item: Hashable) -> float:
        """Remove ``item`` from anywhere in the heap; return its priority (KeyError if absent)."""
        return self._remove_at(self._pos[item])[1]

    def decrease_key(self, item: Hashable, priority: float) -> None:
        i = self._pos[item]
        if priority > self._heap[i][0]:
            raise ValueError("new priority is larger than the current one")
        self._heap[i][0] = priority
        self._sift_up(i)

    def priority_of(self, item: Hashable) -> float:
        return self._heap[self._pos[item]][0]

    def is_valid(self) -> bool:
        """Check heap order and index-map consistency (used for diagnostics)."""
        for i, entry in enumerate(self._heap):
            if self._pos.get(entry[2]) != i:
                return False
            if i > 0 and self._less(i, (i - 1) // 2):
                return False
        return len(self._pos) == len(self._heap)


def heap_sort(values: Iterable[float], reverse: bool = False) -> list[float]:
    heap = MinHeap((v, i) for i, v in enumerate(values))
    out = [heap.pop()[1] for _ in range(len(heap))]
    return out[::-1] if reverse else out


def merge_k_sorted(lists: list[list[float]]) -> list[float]:
    """Merge already-sorted lists into one sorted list."""
    heap = MinHeap((lst[0], (k, 0)) for k, lst in enumerate(lists) if lst)
    merged = []
    while heap:
        (k, idx), value = heap.pop()
        merged.append(value)
        if idx + 1 < len(lists[k]):
            heap.push((k, idx + 1), lists[k][idx + 1])
    return merged


class RunningMedian:
    """Median of a growing stream using a max-heap of the low half and a min-heap of the high half."""

    def __init__(self) -> None:
        self._low = MinHeap()   # stores negated values
        self._high = MinHeap()
        self._ids = count()

    def __len__(self) -> int:
        return len(self._low) + len(self._high)

    def add(self, value: float) -> None:
        ident = next(self._ids)
        if not self._low or value <= -self._low.peek()[1]:
            self._low.push(ident, -value)
        else:
            self._high.push(ident, value)
        if len(self._low) > len(self._high) + 1:
            ident, neg = self._low.pop()
            self._high.push(ident, -neg)
        elif len(self._high) > len(self._low):
            ident, val = self._high.pop()
            self._low.push(ident, -val)

    def median(self) -> float:
        """Current median; IndexError for an empty stream."""
        if len(self._low) > len(self._high):
            return -self._low.peek()[1]
        return (-self._low.peek()[1] + self._high.peek()[1]) / 2


def running_medians(values: Iterable[float]) -> list[float]:
    tracker = RunningMedian()
    result = []
    for v in values:
        tracker.add(v)
        result.append(tracker.median())
    return result
