"""A BitSet stored in a Python int, and a Bloom filter built on top of it."""
from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator


class BitSet:
    def __init__(self, size: int, bits: int = 0) -> None:
        if size < 0:
            raise ValueError("size must be non-negative")
        if bits < 0 or bits >> size:
            raise ValueError("bits do not fit in size")
        self.size = size
        self.bits = bits

    @classmethod
    def from_indices(cls, size: int, indices: Iterable[int]) -> BitSet:
        result = cls(size)
        for index in indices:
            result.set(index)
        return result

    def _check(self, index: int) -> int:
        if not 0 <= index < self.size:
            raise IndexError(f"bit {index} out of range for size {self.size}")
        return 1 << index

    def set(self, index: int) -> None:
        self.bits |= self._check(index)

    def clear(self, index: int) -> None:
        self.bits &= ~self._check(index)

    def toggle(self, index: int) -> None:
        self.bits ^= self._check(index)

    def test(self, index: int) -> bool:
        return bool(self.bits & self._check(index))

    def count(self) -> int:
        return bin(self.bits).count("1")

    def _same_size(self, other: BitSet) -> None:
        if self.size != other.size:
            raise ValueError("bitsets must have the same size")

    def union(self, other: BitSet) -> BitSet:
        self._same_size(other)
        return BitSet(self.size, self.bits | other.bits)

    def intersection(self, other: BitSet) -> BitSet:
        self._same_size(other)
        return BitSet(self.size, self.bits & other.bits)

    def difference(self, other: BitSet) -> BitSet:
        self._same_size(other)
        return BitSet(self.size, self.bits & ~other.bits)

    def complement(self) -> BitSet:
        return BitSet(self.size, ~self.bits & ((1 << self.size) - 1))

    def is_subset(self, other: BitSet) -> bool:
        self._same_size(other)
        return self.bits & other.bits == self.bits

    def __iter__(self) -> Iterator[int]:
        """Indices of set bits in increasing order."""
        remaining = self.bits
        while remaining:
            lowest = remaining & -remaining
            yield lowest.bit_length() - 1
            remaining ^= lowest

    def __len__(self) -> int:
        return self.count()

    def __contains__(self, index: int) -> bool:
        return 0 <= index < self.size and self.test(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BitSet):
            return NotImplemented
        return self.size == other.size and self.bits == other.bits

    def __repr__(self) -> str:
        return f"BitSet({self.size}, {self.to_string()!r})"

    def to_string(self) -> str:
        """Bits from index 0 to size-1, left to right."""
        return "".join("1" if self.bits >> i & 1 else "0" for i in range(self.size))


class BloomFilter:
    def __init__(self, num_bits: int, num_hashes: int) -> None:
        if num_bits < 1 or num_hashes < 1:
            raise ValueError("num_bits and num_hashes must be positive")
        self.num_bits = num_bits
        self.num_hashes = num_hashes
        self.bitset = BitSet(num_bits)
        self.added = 0

    @classmethod
    def for_capacity(cls, capacity: int, error_rate: float) -> BloomFilter:
        """Size the filter with the textbook-optimal m and k for n items and rate p."""
        if capacity < 1 or not 0 < error_rate < 1:
            raise ValueError("capacity must be positive and 0 < error_rate < 1")
        m = math.ceil(-capacity * math.log(error_rate) / (math.log(2) ** 2))
        k = max(1, round(m / capacity * math.log(2)))
        return cls(m, k)

    def _positions(self, item: str) -> list[int]:
        """k positions via double hashing of two SHA-256 halves."""
        digest = hashlib.sha256(item.encode("utf-8")).digest()
        h1 = int.from_bytes(digest[:8], "big")
        h2 = int.from_bytes(digest[8:16], "big") | 1
        return [(h1 + i * h2) % self.num_bits for i in range(self.num_hashes)]

    def add(self, item: str) -> None:
        for position in self._positions(item):
            self.bitset.set(position)
        self.added += 1

    def __contains__(self, item: str) -> bool:
        return all(self.bitset.test(p) for p in self._positions(item))

    def update(self, items: Iterable[str]) -> None:
        for item in items:
            self.add(item)

    def fill_ratio(self) -> float:
        return self.bitset.count() / self.num_bits

    def estimated_fp_rate(self) -> float:
        """(1 - e^(-k n / m))^k for the number of items added so far."""
        if self.added == 0:
            return 0.0
        exponent = -self.num_hashes * self.added / self.num_bits
        return (1 - math.exp(exponent)) ** self.num_hashes

    def union(self, other: BloomFilter) -> BloomFilter:
        if (self.num_bits, self.num_hashes) != (other.num_bits, other.num_hashes):
            raise ValueError("filters must have identical parameters")
        merged = BloomFilter(self.num_bits, self.num_hashes)
        merged.bitset = self.bitset.union(other.bitset)
        merged.added = self.added + other.added
        return merged
