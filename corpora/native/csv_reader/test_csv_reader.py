import pytest

from csv_reader import (
    CSVError,
    format_row,
    needs_quoting,
    parse,
    quote_field,
    read_dicts,
    write,
    write_dicts,
)


def test_parse_empty_text():
    assert parse("") == []


def test_parse_simple_rows():
    assert parse("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]]


def test_parse_without_trailing_newline():
    assert parse("a,b\nc,d") == [["a", "b"], ["c", "d"]]


def test_parse_single_field():
    assert parse("x") == [["x"]]


def test_parse_empty_fields():
    assert parse(",a,,\n") == [["", "a", "", ""]]


def test_parse_lone_delimiter_gives_two_empty_fields():
    assert parse(",") == [["", ""]]


def test_parse_skips_blank_lines():
    assert parse("a\n\n\nb\n") == [["a"], ["b"]]


def test_parse_quoted_field_with_delimiter():
    assert parse('"a,b",c') == [["a,b", "c"]]


def test_parse_escaped_quotes():
    assert parse('"say ""hi""",x') == [['say "hi"', "x"]]


def test_parse_only_doubled_quote_inside_quotes():
    assert parse('""""') == [['"']]


def test_parse_empty_quoted_field_is_kept():
    assert parse('""\n') == [[""]]


def test_parse_quoted_empty_then_delimiter():
    assert parse('"",b') == [["", "b"]]


def test_parse_embedded_newline():
    assert parse('a,"line1\nline2",c\nd,e,f') == [
        ["a", "line1\nline2", "c"],
        ["d", "e", "f"],
    ]


def test_parse_crlf_line_endings():
    assert parse("a,b\r\nc,d\r\n") == [["a", "b"], ["c", "d"]]


def test_parse_bare_cr_line_ending():
    assert parse("a\rb") == [["a"], ["b"]]


def test_parse_crlf_inside_quotes_preserved():
    assert parse('"x\r\ny"') == [["x\r\ny"]]


@pytest.mark.parametrize(
    "text, delimiter, expected",
    [
        ("a;b;c", ";", [["a", "b", "c"]]),
        ("a\tb,c", "\t", [["a", "b,c"]]),
        ('a|"b|c"', "|", [["a", "b|c"]]),
    ],
)
def test_parse_custom_delimiter(text, delimiter, expected):
    assert parse(text, delimiter=delimiter) == expected


def test_parse_custom_quote():
    assert parse("'a,b','it''s'", quote="'") == [["a,b", "it's"]]


def test_parse_spaces_are_preserved():
    assert parse(" a , b ") == [[" a ", " b "]]


def test_unterminated_quote_reports_start_line():
    with pytest.raises(CSVError) as info:
        parse('a\nb,"open\nmore\n')
    assert info.value.line == 2
    assert "unterminated" in str(info.value)


def test_quote_in_middle_of_field_is_error():
    with pytest.raises(CSVError) as info:
        parse('ok\nab"c')
    assert info.value.line == 2
    assert "unexpected quote" in str(info.value)


def test_adjacent_quotes_are_an_escape_not_a_new_section():
    assert parse('"a""b""c"') == [['a"b"c']]


def test_text_after_closing_quote_is_error():
    with pytest.raises(CSVError) as info:
        parse('x\ny\n"a"b')
    assert info.value.line == 3
    assert str(info.value) == "line 3: text after closing quote"


def test_line_counting_through_quoted_newlines():
    with pytest.raises(CSVError) as info:
        parse('"a\nb"\n"c"d')
    assert info.value.line == 3


@pytest.mark.parametrize(
    "delimiter, quote",
    [(",,", '"'), ("", '"'), (",", "''"), (",", ","), ("\n", '"'), (",", "\r")],
)
def test_invalid_dialect(delimiter, quote):
    with pytest.raises(ValueError):
        parse("a", delimiter=delimiter, quote=quote)


def test_read_dicts_basic():
    text = "name,age\nann,31\nbob,42\n"
    assert read_dicts(text) == [
        {"name": "ann", "age": "31"},
        {"name": "bob", "age": "42"},
    ]


def test_read_dicts_empty_text():
    assert read_dicts("") == []


def test_read_dicts_header_only():
    assert read_dicts("a,b\n") == []


def test_read_dicts_pads_short_rows():
    assert read_dicts("a,b,c\n1\n", restval="?") == [{"a": "1", "b": "?", "c": "?"}]


def test_read_dicts_exact_width_row():
    assert read_dicts("a,b\n1,2") == [{"a": "1", "b": "2"}]


def test_read_dicts_too_many_fields():
    with pytest.raises(CSVError) as info:
        read_dicts("a,b\n1,2\n1,2,3\n")
    assert info.value.line == 3
    assert "at most 2 fields, got 3" in str(info.value)


def test_read_dicts_duplicate_header():
    with pytest.raises(CSVError) as info:
        read_dicts("a,b,a\n1,2,3\n")
    assert info.value.line == 1
    assert "'a'" in str(info.value)


def test_read_dicts_custom_delimiter():
    assert read_dicts("k;v\nx;\"1;2\"", delimiter=";") == [{"k": "x", "v": "1;2"}]


@pytest.mark.parametrize(
    "field, expected",
    [
        ("", False),
        ("plain", False),
        ("a,b", True),
        ('say "x"', True),
        ("two\nlines", True),
        ("cr\rhere", True),
        (" lead", True),
        ("trail ", True),
        ("in side", False),
    ],
)
def test_needs_quoting(field, expected):
    assert needs_quoting(field) is expected


def test_needs_quoting_respects_custom_delimiter():
    assert needs_quoting("a;b", delimiter=";") is True
    assert needs_quoting("a,b", delimiter=";") is False


def test_quote_field_doubles_quotes():
    assert quote_field('a"b') == '"a""b"'


def test_quote_field_custom_quote():
    assert quote_field("it's", quote="'") == "'it''s'"


def test_format_row_mixed_values():
    assert format_row(["a", 1, None, 2.5, "x,y"]) == 'a,1,,2.5,"x,y"'


def test_format_row_single_empty_field_is_quoted():
    assert format_row([""]) == '""'


def test_format_row_empty_row():
    assert format_row([]) == ""


def test_write_basic():
    assert write([["a", "b"], [1, 2]]) == "a,b\n1,2\n"


def test_write_custom_terminator_and_delimiter():
    assert write([["a", "b;c"]], delimiter=";", line_terminator="\r\n") == 'a;"b;c"\r\n'


def test_write_invalid_dialect():
    with pytest.raises(ValueError):
        write([["a"]], delimiter=";;")


def test_write_then_parse_round_trip():
    rows = [["id", "text"], ["1", 'he said "hi"'], ["2", "multi\nline"], ["3", ""]]
    assert parse(write(rows)) == rows


def test_write_dicts_infers_fieldnames():
    records = [{"a": 1, "b": "x y"}, {"a": 2, "b": "p,q"}]
    assert write_dicts(records) == 'a,b\n1,x y\n2,"p,q"\n'


def test_write_dicts_empty_without_fieldnames():
    assert write_dicts([]) == ""


def test_write_dicts_header_only_with_fieldnames():
    assert write_dicts([], fieldnames=["x", "y"]) == "x,y\n"


def test_write_dicts_missing_key_uses_restval():
    assert write_dicts([{"a": 1}], fieldnames=["a", "b"], restval="NA") == "a,b\n1,NA\n"


def test_write_dicts_unknown_key_raises():
    with pytest.raises(ValueError, match="unknown fields: c, d"):
        write_dicts([{"a": 1, "d": 2, "c": 3}], fieldnames=["a"])


def test_write_dicts_custom_delimiter():
    assert write_dicts([{"a": "1", "b": "2"}], delimiter="\t") == "a\tb\n1\t2\n"


def test_write_dicts_round_trip_with_read_dicts():
    records = [{"k": "v1", "note": " padded "}, {"k": "v2", "note": "q\"uote"}]
    assert read_dicts(write_dicts(records)) == records


def test_crlf_counts_as_one_line_break():
    with pytest.raises(CSVError) as info:
        parse('a\r\nb\r\n"c"d')
    assert info.value.line == 3


def test_escaped_quote_at_end_of_text_is_unterminated():
    with pytest.raises(CSVError, match="unterminated"):
        parse('"a""')


def test_write_dicts_fieldnames_come_from_first_record():
    records = [{"b": 1, "a": 2}, {"a": 3, "b": 4}]
    assert write_dicts(records) == "b,a\n1,2\n4,3\n"


def test_parse_trailing_bare_cr():
    assert parse("a,b\r") == [["a", "b"]]
