import pytest

from trie import Trie

WORDS = ["car", "card", "care", "cart", "cat", "dog"]


@pytest.fixture
def trie():
    return Trie(WORDS)


def test_empty_trie():
    t = Trie()
    assert len(t) == 0
    assert not t.search("")
    assert not t.starts_with("")
    assert t.words() == []
    assert t.node_count() == 0


def test_len_counts_distinct_words(trie):
    assert len(trie) == 6
    trie.insert("car")
    assert len(trie) == 6


@pytest.mark.parametrize("word, found", [("car", True), ("ca", False), ("cards", False), ("dog", True), ("", False)])
def test_search(trie, word, found):
    assert trie.search(word) is found
    assert (word in trie) is found


@pytest.mark.parametrize("prefix, found", [("c", True), ("car", True), ("do", True), ("x", False), ("cartoon", False),
                                           ("", True)])
def test_starts_with(trie, prefix, found):
    assert trie.starts_with(prefix) is found


def test_insert_bad_times():
    with pytest.raises(ValueError):
        Trie().insert("a", times=0)


def test_frequency_accumulates():
    t = Trie()
    t.insert("hi")
    t.insert("hi", times=3)
    assert t.frequency("hi") == 4
    assert t.frequency("h") == 0
    assert t.frequency("zz") == 0


def test_repeat_insert_does_not_change_prefix_counts(trie):
    trie.insert("cat", times=5)
    assert trie.count_prefix("ca") == 5


@pytest.mark.parametrize("prefix, count", [("", 6), ("c", 5), ("car", 4), ("card", 1), ("cat", 1), ("d", 1),
                                           ("z", 0), ("cards", 0)])
def test_count_prefix(trie, prefix, count):
    assert trie.count_prefix(prefix) == count


def test_words_sorted(trie):
    assert trie.words() == ["car", "card", "care", "cart", "cat", "dog"]
    assert trie.words("car") == ["car", "card", "care", "cart"]
    assert trie.words("q") == []


def test_autocomplete_by_frequency_then_alpha():
    t = Trie()
    t.insert("apple", 2)
    t.insert("apply", 5)
    t.insert("ape", 2)
    t.insert("apex")
    t.insert("banana", 9)
    assert t.autocomplete("ap") == ["apply", "ape", "apple", "apex"]


def test_words_sorted_regardless_of_insertion_order():
    t = Trie(["pear", "apple", "peach", "ape", "pea"])
    assert t.words() == ["ape", "apple", "pea", "peach", "pear"]
    assert t.words("pe") == ["pea", "peach", "pear"]


def test_autocomplete_alphabetical_tie_break():
    t = Trie(["zeta", "zed", "zap", "zoo"])
    assert t.autocomplete("z") == ["zap", "zed", "zeta", "zoo"]


def test_autocomplete_limit():
    t = Trie()
    for word, times in [("tea", 3), ("ten", 1), ("ted", 3), ("to", 7)]:
        t.insert(word, times)
    assert t.autocomplete("t", limit=2) == ["to", "tea"]
    assert t.autocomplete("te", limit=10) == ["tea", "ted", "ten"]
    assert t.autocomplete("t", limit=0) == []


def test_autocomplete_includes_prefix_word(trie):
    assert trie.autocomplete("car") == ["car", "card", "care", "cart"]


def test_autocomplete_missing_prefix(trie):
    assert trie.autocomplete("zebra") == []


def test_delete_leaf_prunes_branch():
    t = Trie(["car", "cart"])
    before = t.node_count()
    assert t.delete("cart") is True
    assert t.node_count() == before - 1
    assert t.words() == ["car"]
    assert not t.starts_with("cart")


def test_delete_prefix_word_keeps_longer_word():
    t = Trie(["car", "cart"])
    assert t.delete("car")
    assert not t.search("car")
    assert t.search("cart")
    assert t.node_count() == 4
    assert t.count_prefix("car") == 1


def test_delete_prunes_only_unshared_part():
    t = Trie(["team", "tea", "ten"])
    t.delete("team")
    assert t.node_count() == 4  # t, e, a, n
    assert t.words() == ["tea", "ten"]


def test_delete_missing_word(trie):
    assert trie.delete("ca") is False
    assert trie.delete("zzz") is False
    assert len(trie) == 6


def test_delete_updates_counts(trie):
    trie.delete("care")
    assert len(trie) == 5
    assert trie.count_prefix("car") == 3
    assert trie.count_prefix("") == 5


def test_delete_removes_all_frequency():
    t = Trie()
    t.insert("x", 4)
    assert t.delete("x")
    assert t.frequency("x") == 0
    assert t.node_count() == 0
    t.insert("x")
    assert t.frequency("x") == 1


def test_delete_last_word_empties_trie():
    t = Trie(["solo"])
    t.delete("solo")
    assert len(t) == 0
    assert not t.starts_with("")
    assert t.longest_common_prefix() == ""


def test_empty_word():
    t = Trie([""])
    assert t.search("")
    assert len(t) == 1
    assert t.words() == [""]
    assert t.delete("")
    assert not t.search("")


def test_node_count(trie):
    # c-a-r-{d,e,t}, c-a-t, d-o-g
    assert trie.node_count() == 10


@pytest.mark.parametrize(
    "words, lcp",
    [
        ([], ""),
        (["flower", "flow", "flight"], "fl"),
        (["flow", "flower"], "flow"),
        (["dog", "cat"], ""),
        (["same"], "same"),
        (["inter", "internet", "interval"], "inter"),
        (["", "abc"], ""),
    ],
)
def test_longest_common_prefix(words, lcp):
    assert Trie(words).longest_common_prefix() == lcp
