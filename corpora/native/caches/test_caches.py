import pytest

from caches import CacheStats, LFUCache, LRUCache, TTLCache


class FakeClock:
    def __init__(self, now=0.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, dt):
        self.now += dt


# ---------------------------------------------------------------- stats

def test_stats_initial():
    s = CacheStats()
    assert s.as_dict() == {"hits": 0, "misses": 0, "evictions": 0}
    assert s.hit_rate == 0.0


def test_stats_hit_rate():
    s = CacheStats()
    s.hits, s.misses = 3, 1
    assert s.hit_rate == 0.75


@pytest.mark.parametrize("cls", [LRUCache, LFUCache])
@pytest.mark.parametrize("capacity", [0, -1])
def test_bad_capacity(cls, capacity):
    with pytest.raises(ValueError):
        cls(capacity)


def test_capacity_one_is_allowed():
    c = LRUCache(1)
    c.put("a", 1)
    assert c.put("b", 2) == "a"


# ---------------------------------------------------------------- LRU

def test_lru_get_put():
    c = LRUCache(2)
    c.put("a", 1)
    assert c.get("a") == 1
    assert len(c) == 1
    assert "a" in c and "b" not in c


def test_lru_miss_default():
    c = LRUCache(2)
    assert c.get("x") is None
    assert c.get("x", 42) == 42
    assert c.stats.misses == 2


def test_lru_evicts_least_recent():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.put("c", 3) == "a"
    assert c.keys() == ["b", "c"]


def test_lru_get_refreshes_recency():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    assert c.put("c", 3) == "b"
    assert c.keys() == ["a", "c"]


def test_lru_update_refreshes_and_does_not_evict():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.put("a", 10) is None
    assert c.keys() == ["b", "a"]
    assert c.get("a") == 10
    assert c.stats.evictions == 0


def test_lru_no_eviction_below_capacity():
    c = LRUCache(3)
    assert c.put("a", 1) is None
    assert c.put("b", 2) is None
    assert c.put("c", 3) is None
    assert len(c) == 3


def test_lru_stats():
    c = LRUCache(1)
    c.put("a", 1)
    c.get("a")
    c.get("b")
    c.put("b", 2)
    assert c.stats.as_dict() == {"hits": 1, "misses": 1, "evictions": 1}
    assert c.stats.hit_rate == 0.5


# ---------------------------------------------------------------- LFU

def test_lfu_basic():
    c = LFUCache(2)
    c.put("a", 1)
    assert c.get("a") == 1
    assert c.frequency("a") == 2
    assert c.frequency("zzz") == 0
    assert len(c) == 1 and "a" in c


def test_lfu_miss():
    c = LFUCache(2)
    assert c.get("q", "d") == "d"
    assert c.stats.misses == 1 and c.stats.hits == 0


def test_lfu_stats():
    c = LFUCache(1)
    c.put("a", 1)
    c.get("a")
    c.get("a")
    c.get("b")
    c.put("b", 2)
    assert c.stats.as_dict() == {"hits": 2, "misses": 1, "evictions": 1}


def test_lfu_evicts_least_frequent():
    c = LFUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    assert c.put("c", 3) == "b"
    assert "b" not in c
    assert c.get("a") == 1 and c.get("c") == 3


def test_lfu_tie_breaks_by_recency():
    c = LFUCache(3)
    for k in "abc":
        c.put(k, k)
    c.get("a")
    c.get("b")
    # a and b have freq 2 (a touched first), c has 1
    assert c.eviction_order() == ["c", "a", "b"]
    assert c.put("d", "d") == "c"
    assert c.put("e", "e") == "d"


def test_lfu_lowest_frequency_advances():
    c = LFUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    c.get("b")
    c.get("b")
    # lowest frequency is now 2 (a); b has 3
    assert c.put("c", 3) == "a"
    assert c.eviction_order() == ["c", "b"]


def test_lfu_update_counts_as_use():
    c = LFUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.put("a", 100) is None
    assert c.frequency("a") == 2
    assert c.put("c", 3) == "b"
    assert c.get("a") == 100


def test_lfu_eviction_cleans_bookkeeping():
    c = LFUCache(1)
    c.put("a", 1)
    assert c.put("b", 2) == "a"
    assert c.frequency("a") == 0
    assert c.eviction_order() == ["b"]
    assert c.stats.evictions == 1


def test_lfu_eviction_keeps_other_keys_in_bucket():
    c = LFUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.put("c", 3) == "a"
    assert c.eviction_order() == ["b", "c"]


def test_lfu_new_key_is_next_victim():
    c = LFUCache(2)
    c.put("a", 1)
    c.get("a")
    c.get("a")
    c.put("b", 2)
    c.get("b")
    # both above 1 now; new key c has freq 1 and must be the next victim
    assert c.put("c", 3) == "b"
    assert c.put("d", 4) == "c"


def test_lfu_emptied_higher_bucket_is_dropped():
    c = LFUCache(3)
    c.put("a", 1)
    c.put("b", 2)
    c.get("a")
    c.get("a")  # moves a from bucket 2 to 3; b stays lowest at 1
    assert c.eviction_order() == ["b", "a"]
    c.put("c", 3)
    assert c.put("d", 4) == "b"


def test_lfu_frequency_histogram():
    c = LFUCache(3)
    for k in "abc":
        c.put(k, k)
    c.get("a")
    c.get("a")
    c.get("b")
    assert c.frequency_histogram() == {1: 1, 2: 1, 3: 1}


def test_lfu_histogram_after_evicting_sole_key_of_a_bucket():
    c = LFUCache(1)
    c.put("a", 1)
    c.get("a")
    assert c.put("b", 2) == "a"
    assert c.frequency_histogram() == {1: 1}


# ---------------------------------------------------------------- TTL

def test_ttl_bad_ttl():
    with pytest.raises(ValueError):
        TTLCache(0, FakeClock())


def test_ttl_small_ttl_allowed():
    clock = FakeClock()
    c = TTLCache(0.5, clock)
    c.put("a", 1)
    assert c.get("a") == 1
    clock.advance(0.5)
    assert c.get("a") is None


def test_ttl_bad_capacity():
    with pytest.raises(ValueError):
        TTLCache(5, FakeClock(), capacity=0)


def test_ttl_fresh_entry():
    clock = FakeClock()
    c = TTLCache(10, clock)
    c.put("a", 1)
    clock.advance(9.5)
    assert c.get("a") == 1
    assert c.stats.hits == 1


def test_ttl_expires_exactly_at_deadline():
    clock = FakeClock(100)
    c = TTLCache(10, clock)
    c.put("a", 1)
    clock.advance(10)
    assert c.get("a", "gone") == "gone"
    assert c.stats.misses == 1
    assert "a" not in c


def test_ttl_rewrite_extends_life():
    clock = FakeClock()
    c = TTLCache(5, clock)
    c.put("a", 1)
    clock.advance(4)
    c.put("a", 2)
    clock.advance(4)
    assert c.get("a") == 2


def test_ttl_expired_lookup_drops_entry():
    clock = FakeClock()
    c = TTLCache(1, clock)
    c.put("a", 1)
    clock.advance(2)
    assert c.get("a") is None
    assert c.purge() == 0


def test_ttl_contains():
    clock = FakeClock()
    c = TTLCache(3, clock)
    c.put("k", None)
    assert "k" in c
    assert "other" not in c


def test_ttl_len_purges():
    clock = FakeClock()
    c = TTLCache(5, clock)
    c.put("a", 1)
    clock.advance(3)
    c.put("b", 2)
    assert len(c) == 2
    clock.advance(2)
    assert len(c) == 1


def test_ttl_purge_count():
    clock = FakeClock()
    c = TTLCache(2, clock)
    c.put("a", 1)
    c.put("b", 2)
    clock.advance(1)
    c.put("c", 3)
    clock.advance(1)
    assert c.purge() == 2
    assert c.get("c") == 3


def test_ttl_remaining():
    clock = FakeClock(50)
    c = TTLCache(10, clock)
    c.put("a", 1)
    clock.advance(4)
    assert c.remaining("a") == 6
    assert c.remaining("missing") == 0
    clock.advance(6)
    assert c.remaining("a") == 0


def test_ttl_capacity_evicts_oldest_write():
    clock = FakeClock()
    c = TTLCache(100, clock, capacity=2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("a", 3)  # rewrite makes "b" the oldest
    assert c.put("c", 4) == "b"
    assert c.stats.evictions == 1
    assert c.get("a") == 3


def test_ttl_capacity_prefers_purging_expired():
    clock = FakeClock()
    c = TTLCache(5, clock, capacity=2)
    c.put("a", 1)
    clock.advance(3)
    c.put("b", 2)
    clock.advance(2)  # "a" has expired
    assert c.put("c", 3) is None
    assert c.stats.evictions == 0
    assert c.get("b") == 2 and c.get("c") == 3


def test_ttl_capacity_not_reached():
    c = TTLCache(5, FakeClock(), capacity=3)
    assert c.put("a", 1) is None
    assert c.put("b", 2) is None
    assert c.put("c", 3) is None
    assert c.put("d", 4) == "a"


def test_ttl_rewrite_at_capacity_does_not_evict():
    c = TTLCache(5, FakeClock(), capacity=2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.put("b", 3) is None
    assert c.get("a") == 1
