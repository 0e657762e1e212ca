import hashlib
import math

import pytest

from bitset_bloom import BitSet, BloomFilter


# ---- BitSet ---------------------------------------------------------------

def test_set_and_test():
    b = BitSet(8)
    b.set(0)
    b.set(7)
    assert b.bits == 0b10000001
    assert b.test(0) and b.test(7)
    assert not b.test(3)


def test_clear():
    b = BitSet(8, 0b1111)
    b.clear(1)
    assert b.bits == 0b1101
    b.clear(1)
    assert b.bits == 0b1101


def test_toggle():
    b = BitSet(4)
    b.toggle(2)
    assert b.bits == 0b100
    b.toggle(2)
    assert b.bits == 0


@pytest.mark.parametrize("index", [-1, 8, 100])
def test_out_of_range(index):
    b = BitSet(8)
    with pytest.raises(IndexError, match="out of range"):
        b.set(index)
    with pytest.raises(IndexError):
        b.test(index)


@pytest.mark.parametrize("size,bits", [(-1, 0), (3, 8), (4, -1), (0, 1)])
def test_constructor_validation(size, bits):
    with pytest.raises(ValueError):
        BitSet(size, bits)


def test_constructor_highest_bit_fits():
    assert BitSet(4, 0b1111).count() == 4


def test_from_indices_and_count():
    b = BitSet.from_indices(10, [1, 3, 3, 9])
    assert b.count() == 3
    assert len(b) == 3
    assert list(b) == [1, 3, 9]


def test_iteration_empty():
    assert list(BitSet(5)) == []
    assert BitSet(0).count() == 0


def test_union_intersection_difference():
    a = BitSet.from_indices(6, [0, 1, 2])
    b = BitSet.from_indices(6, [2, 3])
    assert list(a.union(b)) == [0, 1, 2, 3]
    assert list(a.intersection(b)) == [2]
    assert list(a.difference(b)) == [0, 1]
    assert list(b.difference(a)) == [3]


def test_operations_need_same_size():
    with pytest.raises(ValueError, match="same size"):
        BitSet(3).union(BitSet(4))
    with pytest.raises(ValueError):
        BitSet(3).intersection(BitSet(4))
    with pytest.raises(ValueError):
        BitSet(3).difference(BitSet(4))
    with pytest.raises(ValueError):
        BitSet(3).is_subset(BitSet(4))


def test_complement_stays_in_size():
    b = BitSet.from_indices(5, [0, 2])
    c = b.complement()
    assert list(c) == [1, 3, 4]
    assert c.size == 5
    assert BitSet(3).complement().bits == 0b111


def test_is_subset():
    a = BitSet.from_indices(6, [1, 2])
    b = BitSet.from_indices(6, [1, 2, 5])
    assert a.is_subset(b)
    assert not b.is_subset(a)
    assert a.is_subset(a)
    assert BitSet(6).is_subset(a)


def test_contains():
    b = BitSet.from_indices(4, [3])
    assert 3 in b
    assert 0 in BitSet.from_indices(4, [0])
    assert 2 not in b
    assert 4 not in b
    assert -1 not in b


def test_equality():
    assert BitSet(4, 5) == BitSet.from_indices(4, [0, 2])
    assert BitSet(4, 5) != BitSet(5, 5)
    assert BitSet(4, 5) != BitSet(4, 4)
    assert BitSet(4) != "0000"
    assert (BitSet(4) == "0000") is False


def test_to_string_and_repr():
    b = BitSet.from_indices(5, [0, 3])
    assert b.to_string() == "10010"
    assert repr(b) == "BitSet(5, '10010')"


# ---- Bloom filter ---------------------------------------------------------

def reference_positions(item, m, k):
    digest = hashlib.sha256(item.encode()).digest()
    h1 = int.from_bytes(digest[:8], "big")
    h2 = int.from_bytes(digest[8:16], "big") | 1
    return [(h1 + i * h2) % m for i in range(k)]


@pytest.mark.parametrize("item", ["apple", "banana", "", "ünïcode"])
def test_positions_deterministic(item):
    bf = BloomFilter(97, 5)
    assert bf._positions(item) == reference_positions(item, 97, 5)


def test_positions_known_values():
    assert BloomFilter(64, 3)._positions("apple") == [41, 48, 55]
    assert BloomFilter(64, 3)._positions("cherry") == [18, 27, 36]


def test_add_sets_exactly_the_positions():
    bf = BloomFilter(64, 3)
    bf.add("apple")
    assert list(bf.bitset) == [41, 48, 55]
    assert bf.added == 1


def test_membership_no_false_negatives():
    bf = BloomFilter(512, 4)
    words = [f"w{i}" for i in range(40)]
    bf.update(words)
    assert all(w in bf for w in words)
    assert bf.added == 40


def test_absent_item_not_found():
    bf = BloomFilter(64, 3)
    bf.add("apple")
    assert "banana" not in bf
    assert "apple" in bf


def test_empty_filter_contains_nothing():
    assert "x" not in BloomFilter(10, 2)


@pytest.mark.parametrize("m,k", [(0, 1), (1, 0)])
def test_filter_validation(m, k):
    with pytest.raises(ValueError):
        BloomFilter(m, k)


def test_smallest_filter():
    bf = BloomFilter(1, 1)
    bf.add("x")
    assert "anything" in bf
    assert bf.fill_ratio() == 1.0


def test_for_capacity():
    bf = BloomFilter.for_capacity(100, 0.01)
    assert (bf.num_bits, bf.num_hashes) == (959, 7)
    bf = BloomFilter.for_capacity(1, 0.5)
    assert (bf.num_bits, bf.num_hashes) == (2, 1)


@pytest.mark.parametrize("n,p", [(0, 0.1), (10, 0), (10, 1), (10, 1.5), (10, -0.1)])
def test_for_capacity_validation(n, p):
    with pytest.raises(ValueError, match="capacity must be positive and 0 < error_rate < 1"):
        BloomFilter.for_capacity(n, p)


def test_fill_ratio():
    bf = BloomFilter(64, 3)
    assert bf.fill_ratio() == 0.0
    bf.add("apple")
    assert bf.fill_ratio() == 3 / 64


def test_estimated_fp_rate_formula():
    bf = BloomFilter(1000, 3)
    assert bf.estimated_fp_rate() == 0.0
    bf.add("only")
    assert bf.estimated_fp_rate() == pytest.approx((1 - math.exp(-3 / 1000)) ** 3)
    bf = BloomFilter(1000, 3)
    bf.update(["a", "b", "c", "d"])
    assert bf.estimated_fp_rate() == pytest.approx((1 - math.exp(-12 / 1000)) ** 3)


def test_estimate_close_to_observed():
    bf = BloomFilter.for_capacity(200, 0.05)
    bf.update(f"item{i}" for i in range(200))
    assert bf.estimated_fp_rate() == pytest.approx(0.05, abs=0.002)
    observed = sum(f"other{i}" in bf for i in range(2000)) / 2000
    assert observed == pytest.approx(0.0485)


def test_union_of_filters():
    a = BloomFilter(128, 3)
    b = BloomFilter(128, 3)
    a.add("left")
    b.add("right")
    merged = a.union(b)
    assert "left" in merged and "right" in merged
    assert merged.added == 2
    assert merged.bitset == a.bitset.union(b.bitset)
    assert "right" not in a


def test_union_requires_same_parameters():
    with pytest.raises(ValueError, match="identical"):
        BloomFilter(128, 3).union(BloomFilter(128, 4))
    with pytest.raises(ValueError):
        BloomFilter(128, 3).union(BloomFilter(64, 3))
