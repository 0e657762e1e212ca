import dataclasses

import pytest

import regex_lite
from regex_lite import ANY, CharSet, Item, Match, RegexError, findall, fullmatch, search


def span(pattern, text, **kwargs):
    found = search(pattern, text, **kwargs)
    return None if found is None else found.span()


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("abc", "xxabcxx", (2, 5)),
        ("abc", "ab", None),
        ("", "abc", (0, 0)),
        ("", "", (0, 0)),
        ("a.c", "abc", (0, 3)),
        ("a.c", "a\nc", None),
        ("ab*c", "ac", (0, 2)),
        ("ab*c", "abbbc", (0, 5)),
        ("ab+c", "ac", None),
        ("ab+c", "abbc", (0, 4)),
        ("colou?r", "color", (0, 5)),
        ("colou?r", "colour", (0, 6)),
        ("colou?r", "colouur", None),
        ("a*", "bbb", (0, 0)),
        ("x*y", "aaxxxy", (2, 6)),
    ],
)
def test_search_basic(pattern, text, expected):
    assert span(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("a*ab", "aaab", (0, 4)),
        ("a.*b", "a1b2b3", (0, 5)),
        (".*x", "abc", None),
        ("a?ab", "ab", (0, 2)),
        ("a+a+b", "aaab", (0, 4)),
        ("a+a+b", "ab", None),
    ],
)
def test_backtracking(pattern, text, expected):
    assert span(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("[abc]+", "xxcabz", (2, 5)),
        ("[a-z]+", "123hello456", (3, 8)),
        ("[0-9a-f]+", "zz0ff9g", (2, 6)),
        ("[^0-9]+", "12ab34", (2, 4)),
        ("[^a]", "aab", (2, 3)),
        ("[-a]+", "b-a-c", (1, 4)),
        ("[a-]+", "b-a-c", (1, 4)),
        ("[]a]+", "x]a]", (1, 4)),
        ("[^]]", "]]x", (2, 3)),
        ("[.]", "a.b", (1, 2)),
        ("[\\]x]+", "a]x]", (1, 4)),
        ("[\\d_]+", "ab1_2c", (2, 5)),
        ("[a-a]", "bab", (1, 2)),
    ],
)
def test_character_classes(pattern, text, expected):
    assert span(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("\\d+", "abc123def", (3, 6)),
        ("\\w+", "  hi_there9 ", (2, 11)),
        ("\\s+", "a \t\nb", (1, 4)),
        ("\\.", "abc.d", (3, 4)),
        ("\\*+", "a**b", (1, 3)),
        ("\\\\", "a\\b", (1, 2)),
        ("a\\$", "a$b", (0, 2)),
    ],
)
def test_escapes(pattern, text, expected):
    assert span(pattern, text) == expected


@pytest.mark.parametrize(
    "pattern, text, expected",
    [
        ("^ab", "abab", (0, 2)),
        ("^ab", "cab", None),
        ("ab$", "abab", (2, 4)),
        ("ab$", "abc", None),
        ("^ab$", "ab", (0, 2)),
        ("^ab$", "abab", None),
        ("^$", "", (0, 0)),
        ("^$", "x", None),
        ("$", "abc", (3, 3)),
        ("a^b", "xa^b", (1, 4)),
        ("a$b", "a$b", (0, 3)),
        ("a\\\\$", "xa\\", (1, 3)),
        ("^a*$", "aaa", (0, 3)),
        ("^a*$", "aab", None),
    ],
)
def test_anchors(pattern, text, expected):
    assert span(pattern, text) == expected


def test_ignore_case_literal_and_range():
    assert span("HeLLo", "say hello", ignore_case=True) == (4, 9)
    assert span("[a-c]+", "xABCx", ignore_case=True) == (1, 4)


def test_ignore_case_negated_class():
    assert span("[^a]+", "AaAb", ignore_case=True) == (3, 4)


def test_case_sensitive_by_default():
    assert search("A", "a") is None
    assert fullmatch("A", "a") is None
    assert findall("A", "aAa") == ["A"]
    assert regex_lite.compile("A").search("a") is None
    assert regex_lite.Regex("A").search("a") is None
    assert CharSet((("a", "a"),)).matches("A") is False


def test_match_default_position_is_zero():
    assert regex_lite.compile("a").match("abc") == Match("abc", 0, 1)


def test_escaped_dollar_alone_is_literal():
    assert span("\\$", "a$") == (1, 2)


def test_fullmatch():
    assert fullmatch("a+b*", "aaabb") == Match("aaabb", 0, 5)
    assert fullmatch("a+b*", "aaabbc") is None
    assert fullmatch("a+", "baaa") is None


def test_fullmatch_needs_backtracking():
    assert fullmatch("a?a", "a") is not None
    assert fullmatch("a*a?", "aaa").group() == "aaa"


def test_fullmatch_empty():
    assert fullmatch("", "").span() == (0, 0)
    assert fullmatch("", "a") is None


def test_findall_basic():
    assert findall("[0-9]+", "a1b22c333") == ["1", "22", "333"]


def test_findall_non_overlapping():
    assert findall("aa", "aaaaa") == ["aa", "aa"]


def test_findall_empty_matches():
    assert findall("a*", "baa") == ["", "aa", ""]


def test_findall_no_matches():
    assert findall("z", "abc") == []


def test_findall_anchored_start():
    assert findall("^a", "aaa") == ["a"]


def test_findall_anchored_end():
    assert findall("a$", "aaa") == ["a"]


def test_findall_words():
    assert findall("\\w+", "The cat, the hat.") == ["The", "cat", "the", "hat"]


def test_match_at_position():
    regex = regex_lite.compile("b+")
    assert regex.match("abbc") is None
    assert regex.match("abbc", 1) == Match("abbc", 1, 3)


def test_match_anchored_start_only_at_zero():
    regex = regex_lite.compile("^b")
    assert regex.match("bb", 1) is None
    assert regex.search("ab") is None


def test_search_from_position():
    regex = regex_lite.compile("a")
    assert regex.search("aXa", 1).span() == (2, 3)
    assert regex.search("aXa", 3) is None


def test_match_group():
    assert search("b.d", "abcde").group() == "bcd"


def test_compiled_items():
    regex = regex_lite.compile("a.?[x-z]*")
    assert regex.items == [
        Item(CharSet((("a", "a"),)), 1, 1),
        Item(ANY, 0, 1),
        Item(CharSet((("x", "z"),)), 0, None),
    ]


def test_charset_matches_negation():
    digits = CharSet((("0", "9"),), negated=True)
    assert digits.matches("a") is True
    assert digits.matches("5") is False


def test_charset_range_boundaries():
    letters = CharSet((("b", "d"),))
    assert [letters.matches(c) for c in "abcde"] == [False, True, True, True, False]


@pytest.mark.parametrize(
    "pattern, message, pos",
    [
        ("*a", "nothing to repeat", 0),
        ("+", "nothing to repeat", 0),
        ("^?", "nothing to repeat", 1),
        ("a**", "multiple repeat", 2),
        ("a+?", "multiple repeat", 2),
        ("[abc", "unterminated character class", 0),
        ("x[^", "unterminated character class", 1),
        ("[]", "unterminated character class", 0),
        ("[z-a]", "bad range z-a", 1),
        ("ab\\", "trailing backslash", 2),
        ("[a\\", "trailing backslash", 2),
    ],
)
def test_compile_errors(pattern, message, pos):
    with pytest.raises(RegexError) as info:
        regex_lite.compile(pattern)
    assert info.value.pos == pos
    assert str(info.value) == f"{message} at position {pos}"


@pytest.mark.parametrize(
    "value, field",
    [
        (CharSet((("a", "b"),)), "negated"),
        (Item(ANY, 0, 1), "low"),
        (Match("ab", 0, 1), "end"),
    ],
)
def test_value_objects_are_immutable(value, field):
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, field, 0)
