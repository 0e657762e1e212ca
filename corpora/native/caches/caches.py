"""LRU, LFU and TTL caches with hit/miss statistics."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()


class CacheStats:
    def __init__(self) -> None:
        self.hits = 0
        self.misses = 0
        self.evictions = 0

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0

    def as_dict(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses, "evictions": self.evictions}


def _check_capacity(capacity: int) -> None:
    if capacity < 1:
        raise ValueError("capacity must be at least 1")


class LRUCache:
    """Evicts the least recently used key when full."""

    def __init__(self, capacity: int) -> None:
        _check_capacity(capacity)
        self.capacity = capacity
        self.stats = CacheStats()
        self._data: OrderedDict[Hashable, Any] = OrderedDict()

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._data

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self._data:
            self.stats.misses += 1
            return default
        self.stats.hits += 1
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key: Hashable, value: Any) -> Hashable | None:
        """Store ``value``; return the evicted key, if any."""
        if key in self._data:
            self._data.move_to_end(key)
            self._data[key] = value
            return None
        evicted = None
        if len(self._data) >= self.capacity:
            evicted, _ = self._data.popitem(last=False)
            self.stats.evictions += 1
        self._data[key] = value
        return evicted

    def keys(self) -> list[Hashable]:
        """Keys from least to most recently used."""
        return list(self._data)


class LFUCache:
    """Evicts the least frequently used key; ties go to the least recently used."""

    def __init__(self, capacity: int) -> None:
        _check_capacity(capacity)
        self.capacity = capacity
        self.stats = CacheStats()
        self._values: dict[Hashable, Any] = {}
        self._freq: dict[Hashable, int] = {}
        self._buckets: dict[int, OrderedDict[Hashable, None]] = {}

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values

    def frequency(self, key: Hashable) -> int:
        return self._freq.get(key, 0)

    def _touch(self, key: Hashable) -> None:
        freq = self._freq[key]
        bucket = self._buckets[freq]
        del bucket[key]
        if not bucket:
            del self._buckets[freq]
        self._freq[key] = freq + 1
        self._buckets.setdefault(freq + 1, OrderedDict())[key] = None

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self._values:
            self.stats.misses += 1
            return default
        self.stats.hits += 1
        self._touch(key)
        return self._values[key]

    def _evict(self) -> Hashable:
        lowest = min(self._buckets)
        bucket = self._buckets[lowest]
        key, _ = bucket.popitem(last=False)
        if not bucket:
            del self._buckets[lowest]
        del self._values[key]
        del self._freq[key]
        self.stats.evictions += 1
        return key

    def put(self, key: Hashable, value: Any) -> Hashable | None:
        if key in self._values:
            self._values[key] = value
            self._touch(key)
            return None
        evicted = self._evict() if len(self._values) >= self.capacity else None
        self._values[key] = value
        self._freq[key] = 1
        self._buckets.setdefault(1, OrderedDict())[key] = None
        return evicted

    def frequency_histogram(self) -> dict[int, int]:
        """Map each use count present in the cache to how many keys have it."""
        return {freq: len(bucket) for freq, bucket in sorted(self._buckets.items())}

    def eviction_order(self) -> list[Hashable]:
        """Keys in the order they would be evicted."""
        order = []
        for freq in sorted(self._buckets):
            order.extend(self._buckets[freq])
        return order


class TTLCache:
    """Entries expire ``ttl`` time units after being written; time comes from ``clock``."""

    def __init__(self, ttl: float, clock: Callable[[], float], capacity: int | None = None) -> None:
        if ttl <= 0:
            raise ValueError("ttl must be positive")
        if capacity is not None:
            _check_capacity(capacity)
        self.ttl = ttl
        self.capacity = capacity
        self.clock = clock
        self.stats = CacheStats()
        self._data: OrderedDict[Hashable, tuple[Any, float]] = OrderedDict()

    def _expired(self, expires_at: float) -> bool:
        return self.clock() >= expires_at

    def purge(self) -> int:
        """Drop every expired entry; return how many were dropped."""
        dead = [k for k, (_, exp) in self._data.items() if self._expired(exp)]
        for key in dead:
            del self._data[key]
        return len(dead)

    def __len__(self) -> int:
        self.purge()
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        return self._lookup(key) is not _MISSING

    def _lookup(self, key: Hashable) -> Any:
        entry = self._data.get(key)
        if entry is None:
            return _MISSING
        value, expires_at = entry
        if self._expired(expires_at):
            del self._data[key]
            return _MISSING
        return value

    def get(self, key: Hashable, default: Any = None) -> Any:
        value = self._lookup(key)
        if value is _MISSING:
            self.stats.misses += 1
            return default
        self.stats.hits += 1
        return value

    def put(self, key: Hashable, value: Any) -> Hashable | None:
        self._data.pop(key, None)
        evicted = None
        if self.capacity is not None and len(self._data) >= self.capacity:
            self.purge()
            if len(self._data) >= self.capacity:
                evicted, _ = self._data.popitem(last=False)
                self.stats.evictions += 1
        self._data[key] = (value, self.clock() + self.ttl)
        return evicted

    def remaining(self, key: Hashable) -> float:
        """Time left before ``key`` expires (0 if absent or expired)."""
        if self._lookup(key) is _MISSING:
            return 0
        return self._data[key][1] - self.clock()
