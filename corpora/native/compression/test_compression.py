import pytest

from compression import (
    Node,
    build_huffman_tree,
    compression_ratio,
    huffman_codes,
    huffman_decode,
    huffman_encode,
    huffman_ratio,
    lz77_decode,
    lz77_encode,
    lz77_ratio,
    rle_decode,
    rle_encode,
    rle_from_string,
    rle_to_string,
)


# ---- run length -----------------------------------------------------------

@pytest.mark.parametrize(
    "text,runs",
    [
        ("", []),
        ("a", [("a", 1)]),
        ("aaabcc", [("a", 3), ("b", 1), ("c", 2)]),
        ("abab", [("a", 1), ("b", 1), ("a", 1), ("b", 1)]),
        ("zzzzzzzzzz", [("z", 9), ("z", 1)]),
    ],
)
def test_rle_encode(text, runs):
    assert rle_encode(text) == runs


def test_rle_encode_custom_max_run():
    assert rle_encode("aaaaa", max_run=2) == [("a", 2), ("a", 2), ("a", 1)]
    assert rle_encode("aaaaa", max_run=5) == [("a", 5)]
    assert rle_encode("aab", max_run=1) == [("a", 1), ("a", 1), ("b", 1)]
    with pytest.raises(ValueError):
        rle_encode("a", max_run=0)


def test_rle_decode_roundtrip():
    text = "wwwwwwwwwwwwbbbxyzzz"
    assert rle_decode(rle_encode(text)) == text


@pytest.mark.parametrize("runs", [[("a", 0)], [("ab", 2)], [("", 1)]])
def test_rle_decode_rejects_bad_runs(runs):
    with pytest.raises(ValueError, match="bad run"):
        rle_decode(runs)


def test_rle_to_string():
    assert rle_to_string([("a", 3), ("b", 1)]) == "3a1b"
    assert rle_to_string([("z", 9)]) == "9z"
    with pytest.raises(ValueError):
        rle_to_string([("z", 10)])


def test_rle_from_string():
    assert rle_from_string("3a1b") == [("a", 3), ("b", 1)]
    assert rle_from_string("") == []
    assert rle_decode(rle_from_string(rle_to_string(rle_encode("112222")))) == "112222"


@pytest.mark.parametrize("encoded", ["3a1", "a3b1"])
def test_rle_from_string_errors(encoded):
    with pytest.raises(ValueError):
        rle_from_string(encoded)


# ---- Huffman --------------------------------------------------------------

def test_huffman_tree_empty():
    assert build_huffman_tree({}) is None
    assert huffman_codes(None) == {}


def test_huffman_tree_weights():
    tree = build_huffman_tree({"a": 5, "b": 2, "c": 1})
    assert tree.weight == 8
    assert tree.right.symbol == "a"
    assert tree.left.weight == 3
    assert tree.left.symbol is None
    assert (tree.left.left.symbol, tree.left.right.symbol) == ("c", "b")


def test_huffman_codes_abracadabra():
    bits, codes = huffman_encode("abracadabra")
    assert codes == {"a": "0", "c": "100", "d": "101", "b": "110", "r": "111"}
    assert bits == "01101110100010101101110"
    assert len(bits) == 23


def test_huffman_tie_break_by_symbol():
    # all equal weights: leaves ordered a, b, c, d
    _, codes = huffman_encode("dcba")
    assert codes == {"a": "00", "b": "01", "c": "10", "d": "11"}


def test_huffman_merged_node_loses_ties_to_leaves():
    # a1 b1 -> ab2 ; then c2 (leaf, older) is popped before ab2
    _, codes = huffman_encode("abcc" + "dddd")
    assert codes == {"d": "0", "c": "10", "a": "110", "b": "111"}


def test_huffman_single_symbol():
    bits, codes = huffman_encode("aaaa")
    assert codes == {"a": "0"}
    assert bits == "0000"
    assert huffman_decode(bits, codes) == "aaaa"


def test_huffman_empty_text():
    assert huffman_encode("") == ("", {})
    assert huffman_decode("", {}) == ""


def test_huffman_codes_are_prefix_free():
    _, codes = huffman_encode("the quick brown fox jumps over the lazy dog")
    values = list(codes.values())
    for a in values:
        for b in values:
            if a != b:
                assert not b.startswith(a)


@pytest.mark.parametrize("text", ["abracadabra", "mississippi river", "x", "aab", "hello, world!"])
def test_huffman_roundtrip(text):
    bits, codes = huffman_encode(text)
    assert huffman_decode(bits, codes) == text


def test_huffman_decode_errors():
    codes = {"a": "0", "b": "10", "c": "11"}
    assert huffman_decode("01011", codes) == "abc"
    with pytest.raises(ValueError, match="trailing"):
        huffman_decode("01", codes)
    with pytest.raises(ValueError, match="invalid bit"):
        huffman_decode("02", codes)


def test_node_defaults():
    node = Node(3)
    assert (node.symbol, node.left, node.right) == (None, None, None)


# ---- LZ77 -----------------------------------------------------------------

def test_lz77_no_repeats():
    assert lz77_encode("abc") == [(0, 0, "a"), (0, 0, "b"), (0, 0, "c")]


def test_lz77_overlapping_match():
    assert lz77_encode("abababab") == [(0, 0, "a"), (0, 0, "b"), (2, 5, "b")]


def test_lz77_lookahead_limits_length():
    assert lz77_encode("aaaaaaaaaa", 16, 4) == [(0, 0, "a"), (1, 4, "a"), (1, 3, "a")]


def test_lz77_last_char_is_literal():
    assert lz77_encode("abcabcabcx") == [(0, 0, "a"), (0, 0, "b"), (0, 0, "c"), (3, 6, "x")]
    assert lz77_encode("abab") == [(0, 0, "a"), (0, 0, "b"), (2, 1, "b")]


def test_lz77_window_limits_offset():
    # "ab" recurs at distance 4, but a window of 3 cannot see it
    assert lz77_encode("abxyab", window=3) == [
        (0, 0, "a"), (0, 0, "b"), (0, 0, "x"), (0, 0, "y"), (0, 0, "a"), (0, 0, "b")]
    assert lz77_encode("abxyab", window=4)[-1] == (4, 1, "b")


def test_lz77_default_lookahead_is_eight():
    assert lz77_encode("a" * 20) == [(0, 0, "a"), (1, 8, "a"), (1, 8, "a"), (0, 0, "a")]


def test_lz77_default_window_is_sixteen():
    letters = "bcdefghijklmnopqrs"
    assert lz77_encode("a" + letters[:15] + "az")[-1] == (16, 1, "z")
    assert lz77_encode("a" + letters[:16] + "az")[-2:] == [(0, 0, "a"), (0, 0, "z")]


def test_lz77_prefers_nearest_on_tie():
    assert lz77_encode("abzabyab!")[-1] == (3, 2, "!")


def test_lz77_prefers_longer_match():
    assert lz77_encode("abcxabyabcz")[-1] == (7, 3, "z")


def test_lz77_empty_and_validation():
    assert lz77_encode("") == []
    assert lz77_decode([]) == ""
    with pytest.raises(ValueError):
        lz77_encode("a", window=0)
    with pytest.raises(ValueError):
        lz77_encode("a", lookahead=0)


@pytest.mark.parametrize(
    "text,window,lookahead",
    [("abababab", 16, 8), ("aaaaaaaaaaaaaaaaaaaaa", 4, 3), ("tobeornottobeortobeornot", 12, 6),
     ("a", 1, 1), ("xyzxyzxyzq", 2, 2)],
)
def test_lz77_roundtrip(text, window, lookahead):
    assert lz77_decode(lz77_encode(text, window, lookahead)) == text


def test_lz77_decode_overlap():
    assert lz77_decode([(0, 0, "a"), (1, 4, "b")]) == "aaaaab"


@pytest.mark.parametrize("triples", [[(1, 1, "a")], [(0, 0, "a"), (2, 1, "b")], [(0, 0, "a"), (0, 1, "b")]])
def test_lz77_decode_bad_offset(triples):
    with pytest.raises(ValueError, match="offset"):
        lz77_decode(triples)


def test_lz77_decode_literal_ignores_offset():
    assert lz77_decode([(5, 0, "q")]) == "q"


# ---- ratios ---------------------------------------------------------------

def test_compression_ratio():
    assert compression_ratio(100, 25) == 0.25
    assert compression_ratio(8, 16) == 2.0
    assert compression_ratio(1, 1) == 1.0
    with pytest.raises(ValueError):
        compression_ratio(0, 5)


def test_huffman_ratio():
    assert huffman_ratio("abracadabra") == pytest.approx(23 / 88)
    assert huffman_ratio("aaaa") == pytest.approx(1 / 8)


def test_lz77_ratio():
    # 3 triples of 5 + 4 + 8 = 17 bits against 128 bits
    assert lz77_ratio("a" * 16) == pytest.approx(51 / 128)
    assert lz77_ratio("a" * 20) == pytest.approx(4 * 17 / 160)
    distant = "a" + "bcdefghijklmnopq" + "az"  # repeat 17 back: just outside the default window
    assert lz77_ratio(distant) == pytest.approx(1 * 17 / 8)
    assert lz77_ratio("abc", window=4, lookahead=2) == pytest.approx(3 * (3 + 2 + 8) / 24)
