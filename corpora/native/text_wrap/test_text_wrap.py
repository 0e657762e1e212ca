import pytest

from text_wrap import (
    center,
    dedent,
    fill,
    indent,
    justify,
    justify_line,
    split_words,
    truncate,
    wrap,
)

TEXT = "The quick brown fox jumps over the lazy dog"


def test_split_words_collapses_whitespace():
    assert split_words("  a\tb \n c  ") == ["a", "b", "c"]


def test_wrap_empty():
    assert wrap("", 10) == []
    assert wrap("   \n ", 10) == []


def test_wrap_basic():
    assert wrap(TEXT, 15) == ["The quick brown", "fox jumps over", "the lazy dog"]


def test_wrap_exact_fit_boundary():
    assert wrap("abc def", 7) == ["abc def"]
    assert wrap("abc def", 6) == ["abc", "def"]


def test_wrap_single_word():
    assert wrap("hello", 5) == ["hello"]


T70 = "x" * 35 + " " + "y" * 34
T71 = "x" * 35 + " " + "y" * 35


def test_wrap_default_width_is_70():
    assert wrap(T70) == [T70]
    assert wrap(T71) == ["x" * 35, "y" * 35]


def test_fill_default_width_is_70():
    assert fill(T70) == T70
    assert fill(T71) == "x" * 35 + "\n" + "y" * 35


def test_fill_breaks_long_words_by_default():
    assert fill("z" * 75) == "z" * 70 + "\n" + "zzzzz"


def test_justify_default_width_is_70():
    assert justify(T71 + " end") == "x" * 35 + "\n" + "y" * 35 + " end"
    assert justify(T70 + " end") == T70 + "\nend"


def test_wrap_width_one():
    assert wrap("ab c", 1) == ["a", "b", "c"]


def test_wrap_word_equal_to_width_moves_to_new_line():
    assert wrap("ab abcd", 4) == ["ab", "abcd"]


def test_wrap_long_word_with_one_char_room():
    assert wrap("ab cdefgh", 4) == ["ab c", "defg", "h"]


@pytest.mark.parametrize("width", [0, -3])
def test_wrap_invalid_width(width):
    with pytest.raises(ValueError, match=f"got {width}"):
        wrap("x", width)


def test_wrap_breaks_long_word_alone():
    assert wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_wrap_long_word_exact_multiple():
    assert wrap("abcdefgh", 4) == ["abcd", "efgh"]


def test_wrap_long_word_fills_current_line_first():
    assert wrap("ab cdefghij", 5) == ["ab cd", "efghi", "j"]


def test_wrap_long_word_when_no_room_left():
    assert wrap("abcd efghijkl", 4) == ["abcd", "efgh", "ijkl"]


def test_wrap_long_word_when_only_gap_fits():
    assert wrap("abc defghi", 4) == ["abc", "defg", "hi"]


def test_wrap_continues_after_broken_word():
    assert wrap("abcdefg hi", 5) == ["abcde", "fg hi"]


def test_wrap_keeps_long_word_when_not_breaking():
    assert wrap("a abcdefgh b", 4, break_long_words=False) == ["a", "abcdefgh", "b"]


def test_wrap_long_first_word_when_not_breaking():
    assert wrap("abcdefgh b", 4, break_long_words=False) == ["abcdefgh", "b"]


def test_fill():
    assert fill(TEXT, 20) == "The quick brown fox\njumps over the lazy\ndog"


def test_fill_no_break():
    assert fill("xxxxxx y", 3, break_long_words=False) == "xxxxxx\ny"


def test_justify_line_even_distribution():
    assert justify_line("a b c", 9) == "a   b   c"


def test_justify_line_extra_spaces_go_left():
    assert justify_line("aa b c d", 12) == "aa   b  c  d"


def test_justify_line_single_word_unchanged():
    assert justify_line("word", 10) == "word"


def test_justify_line_exact_gaps_normalises_spacing():
    assert justify_line("a  b", 3) == "a b"


def test_justify_line_too_long_unchanged():
    assert justify_line("aa  bb", 4) == "aa  bb"


def test_justify_text():
    assert justify(TEXT, 16) == (
        "The  quick brown\n"
        "fox  jumps  over\n"
        "the lazy dog"
    )


def test_justify_empty():
    assert justify("", 10) == ""


def test_justify_one_line_not_padded():
    assert justify("short line", 30) == "short line"


def test_justify_all_lines_have_width_except_last():
    lines = justify(TEXT * 3, 25).split("\n")
    assert all(len(line) == 25 for line in lines[:-1])
    assert len(lines[-1]) < 25


@pytest.mark.parametrize(
    "line, width, fillchar, expected",
    [
        ("ab", 6, " ", "  ab  "),
        ("ab", 7, "*", "**ab***"),
        ("abc", 4, "-", "abc-"),
        ("abc", 3, " ", "abc"),
        ("abcd", 2, " ", "abcd"),
        ("", 3, ".", "..."),
    ],
)
def test_center(line, width, fillchar, expected):
    assert center(line, width, fillchar) == expected


def test_center_bad_fillchar():
    with pytest.raises(ValueError):
        center("a", 5, "ab")


def test_indent_skips_blank_lines():
    assert indent("a\n\n  \nb\n", "> ") == "> a\n\n  \n> b\n"


def test_indent_with_predicate():
    assert indent("a\n\nb", "# ", lambda line: True) == "# a\n# \n# b"


def test_indent_predicate_can_exclude():
    assert indent("x\ny\n", "-", lambda line: line.startswith("y")) == "x\n-y\n"


def test_dedent_common_margin():
    assert dedent("    a\n      b\n    c") == "a\n  b\nc"


def test_dedent_blank_lines_normalised():
    assert dedent("  a\n \n  b\n") == "a\n\nb\n"


def test_dedent_no_common_margin():
    assert dedent("a\n  b") == "a\n  b"


def test_dedent_mixed_tabs_and_spaces():
    assert dedent("\t  x\n\t y") == " x\ny"


def test_dedent_first_character_differs():
    assert dedent("\tx\n y") == "\tx\n y"


def test_dedent_difference_at_second_character():
    assert dedent("  x\n \ty") == " x\n\ty"


def test_dedent_margin_stops_at_text():
    assert dedent("  ab\n  ac") == "ab\nac"


def test_dedent_all_blank():
    assert dedent("  \n\t") == "\n"


def test_dedent_shorter_margin_later():
    assert dedent("      a\n  b") == "    a\nb"


def test_truncate_fits():
    assert truncate("  hello   world ", 11) == "hello world"


def test_truncate_at_word_boundary():
    assert truncate("hello brave new world", 15) == "hello brave..."


def test_truncate_exact_budget():
    assert truncate("one two three", 10) == "one two..."


def test_truncate_cuts_first_word_when_needed():
    assert truncate("extraordinary words", 8) == "extra..."


def test_truncate_custom_placeholder():
    assert truncate("alpha beta gamma", 12, placeholder=" [+]") == "alpha [+]"


def test_truncate_width_equal_to_placeholder():
    assert truncate("abcdef", 3) == "..."


def test_truncate_width_smaller_than_placeholder():
    with pytest.raises(ValueError):
        truncate("abcdef", 2)
