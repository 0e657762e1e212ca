import pytest
from string_search import (
    SEARCHERS,
    find_all,
    horspool,
    kmp_search,
    longest_prefix_suffix,
    poly_hash,
    prefix_function,
    rabin_karp,
    shift_table,
    shortest_period,
    z_function,
    z_search,
)

SEARCH_CASES = [
    ("abracadabra", "abra", [0, 7]),
    ("aaaaa", "aa", [0, 1, 2, 3]),
    ("hello world", "o", [4, 7]),
    ("hello", "xyz", []),
    ("abc", "abcd", []),
    ("abc", "abc", [0]),
    ("", "a", []),
    ("ababcabcabababd", "ababd", [10]),
    ("abababab", "abab", [0, 2, 4]),
    ("aabaacaadaabaaba", "aaba", [0, 9, 12]),
    ("xyzxyzx", "x", [0, 3, 6]),
    ("mississippi", "issi", [1, 4]),
    ("mississippi", "ppi", [8]),
    ("cbabcab", "ab", [2, 5]),
    ("abxc", "abc", []),
    ("axb", "ab", []),
    ("aabaaab", "aaab", [3]),
]


@pytest.mark.parametrize("method", sorted(SEARCHERS))
@pytest.mark.parametrize("text, pattern, expected", SEARCH_CASES)
def test_all_methods_agree(method, text, pattern, expected):
    assert find_all(text, pattern, method) == expected


@pytest.mark.parametrize("search", [kmp_search, rabin_karp, z_search, horspool])
def test_empty_pattern_matches_everywhere(search):
    assert search("abc", "") == [0, 1, 2, 3]
    assert search("", "") == [0]


@pytest.mark.parametrize(
    "s, expected",
    [
        ("", []),
        ("a", [0]),
        ("aaaa", [0, 1, 2, 3]),
        ("abcabcd", [0, 0, 0, 1, 2, 3, 0]),
        ("aabaaab", [0, 1, 0, 1, 2, 2, 3]),
        ("abacaba", [0, 0, 1, 0, 1, 2, 3]),
        ("ababcabab", [0, 0, 1, 2, 0, 1, 2, 3, 4]),
    ],
)
def test_prefix_function(s, expected):
    assert prefix_function(s) == expected


@pytest.mark.parametrize(
    "s, expected",
    [
        ("", []),
        ("a", [1]),
        ("aaaaa", [5, 4, 3, 2, 1]),
        ("aaabaab", [7, 2, 1, 0, 2, 1, 0]),
        ("abacaba", [7, 0, 1, 0, 3, 0, 1]),
        ("abcabcab", [8, 0, 0, 5, 0, 0, 2, 0]),
        ("aabcaabxaaaz", [12, 1, 0, 0, 3, 1, 0, 0, 2, 2, 1, 0]),
    ],
)
def test_z_function(s, expected):
    assert z_function(s) == expected


@pytest.mark.parametrize("s", ["", "a", "ab", "abc", "zz"])
def test_poly_hash_small(s):
    expected = 0
    for ch in s:
        expected = expected * 256 + ord(ch)
    assert poly_hash(s) == expected % 1_000_003


def test_poly_hash_modulus_and_base():
    assert poly_hash("ab", base=10, modulus=7) == (97 * 10 + 98) % 7
    assert poly_hash("hello", base=31, modulus=1_000_003) == (
        ((((104 * 31 + 101) * 31 + 108) * 31 + 108) * 31 + 111) % 1_000_003
    )


def test_rabin_karp_small_modulus_verifies_collisions():
    # with modulus 3 hash collisions are everywhere, so verification matters
    assert rabin_karp("abcabdabc", "abc", base=2, modulus=3) == [0, 6]
    assert rabin_karp("xyzzyx", "zy", base=5, modulus=2) == [3]


def test_rabin_karp_rolling_over_long_text():
    text = "the quick brown fox jumps over the lazy dog " * 3
    assert rabin_karp(text, "the") == [0, 31, 44, 75, 88, 119]
    assert rabin_karp(text, "dog ") == [40, 84, 128]


def test_rabin_karp_match_at_end():
    assert rabin_karp("abcdef", "ef") == [4]
    assert rabin_karp("abcdef", "f") == [5]


def test_shift_table():
    assert shift_table("abcab") == {"a": 1, "b": 3, "c": 2}
    assert shift_table("x") == {}


def test_horspool_skips_with_shift_table():
    assert horspool("here is a simple example", "example") == [17]
    assert horspool("trusthardtoothbrushes", "tooth") == [9]


def test_horspool_character_not_in_pattern():
    assert horspool("zzzzzzabc", "abc") == [6]


def test_find_all_unknown_method():
    with pytest.raises(ValueError, match="unknown method"):
        find_all("abc", "a", method="naive")


@pytest.mark.parametrize(
    "text, pattern, expected",
    [
        ("aaaaa", "aa", [0, 2]),
        ("abababab", "abab", [0, 4]),
        ("aaa", "b", []),
        ("abcabc", "abc", [0, 3]),
        ("abc", "", [0, 1, 2, 3]),
    ],
)
def test_find_all_non_overlapping(text, pattern, expected):
    assert find_all(text, pattern, "horspool", overlapping=False) == expected


@pytest.mark.parametrize(
    "s, expected",
    [("", ""), ("a", ""), ("abab", "ab"), ("aaaa", "aaa"), ("abcab", "ab"), ("abcd", ""), ("aabaaab", "aab")],
)
def test_longest_prefix_suffix(s, expected):
    assert longest_prefix_suffix(s) == expected


@pytest.mark.parametrize(
    "s, expected",
    [("", 0), ("a", 1), ("abab", 2), ("abcabcab", 3), ("aaaa", 1), ("abcd", 4), ("abaab", 3)],
)
def test_shortest_period(s, expected):
    assert shortest_period(s) == expected


class CountingStr(str):
    reads = 0

    def __getitem__(self, index):
        CountingStr.reads += 1
        return super().__getitem__(index)


def naive_z(s):
    result = []
    for i in range(len(s)):
        length = 0
        while i + length < len(s) and s[length] == s[i + length]:
            length += 1
        result.append(length)
    return result


@pytest.mark.parametrize("text", ["a" * 120, "ab" * 60, "aab" * 40, "abaababaabaab" * 9])
def test_z_function_runs_in_linear_time(text):
    CountingStr.reads = 0
    assert z_function(CountingStr(text)) == naive_z(text)
    assert CountingStr.reads <= 4 * len(text)
