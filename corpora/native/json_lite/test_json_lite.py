import math

import pytest

from json_lite import JSONDecodeError, dumps, encode_string, loads


@pytest.mark.parametrize(
    "text, expected",
    [
        ("true", True),
        ("false", False),
        ("null", None),
        ("0", 0),
        ("-0", 0),
        ("42", 42),
        ("9", 9),
        ("1990", 1990),
        ("-9.95e9", -9.95e9),
        ("-17", -17),
        ("3.25", 3.25),
        ("-0.5", -0.5),
        ("1e3", 1000.0),
        ("2E-2", 0.02),
        ("1.5e+2", 150.0),
        ('"hi"', "hi"),
        ('""', ""),
    ],
)
def test_loads_scalars(text, expected):
    result = loads(text)
    assert result == expected
    assert type(result) is type(expected)


def test_loads_surrounding_whitespace():
    assert loads(" \t\n 7 \r\n") == 7


def test_loads_empty_array_and_object():
    assert loads("[ ]") == []
    assert loads("{ }") == {}


def test_loads_nested_structure():
    text = '{"a": [1, 2, {"b": null}], "c": {"d": "e"}, "f": true}'
    assert loads(text) == {"a": [1, 2, {"b": None}], "c": {"d": "e"}, "f": True}


def test_loads_duplicate_key_last_wins():
    assert loads('{"k": 1, "k": 2}') == {"k": 2}


@pytest.mark.parametrize(
    "text, expected",
    [
        (r'"a\"b"', 'a"b'),
        (r'"back\\slash"', "back\\slash"),
        (r'"\/"', "/"),
        (r'"\b\f\n\r\t"', "\b\f\n\r\t"),
        (r'"\u0041\u00e9"', "A\u00e9"),
        (r'"\u00E9"', "\u00e9"),
        (r'"\ud83d\ude00"', "\U0001F600"),
        (r'"\ud800"', "\ud800"),
        (r'"\ud800\u0041"', "\ud800A"),
        (r'"\udc00"', "\udc00"),
        (r'"\ud800\udc00"', "\U00010000"),
        (r'"\udbff\udfff"', "\U0010FFFF"),
        (r'"\ud7ff\udc00"', "\ud7ff\udc00"),
        (r'"\udc00\udc00"', "\udc00\udc00"),
        (r'"\ud800\ue000"', "\ud800\ue000"),
        (r'"\ud800\udbff"', "\ud800\udbff"),
    ],
)
def test_loads_string_escapes(text, expected):
    assert loads(text) == expected


def test_loads_non_ascii_raw():
    assert loads('"caf\u00e9"') == "caf\u00e9"


@pytest.mark.parametrize(
    "text, message, pos",
    [
        ("", "unexpected end of input", 0),
        ("[1,", "unexpected end of input", 3),
        ("@", "unexpected character '@'", 0),
        ("[1 2]", "expected ',' or ']'", 3),
        ("[1", "expected ',' or ']'", 2),
        ('{"a" 1}', "expected ':'", 5),
        ('{"a": 1 "b": 2}', "expected ',' or '}'", 8),
        ("{1: 2}", "expected string key", 1),
        ('{"a": 1,}', "expected string key", 8),
        ('"abc', "unterminated string", 0),
        ('"a\nb"', "control character in string", 2),
        ('"\x1f"', "control character in string", 1),
        ('"\x00"', "control character in string", 1),
        (r'"\x"', "invalid escape", 1),
        (r'"\u12G4"', "invalid \\u escape", 3),
        (r'"\u12"', "invalid \\u escape", 3),
        ("-", "expected digit", 1),
        ("-a", "expected digit", 1),
        ("1.", "expected digit after '.'", 2),
        ("1.e5", "expected digit after '.'", 2),
        ("1e", "expected exponent digits", 2),
        ("1e+", "expected exponent digits", 3),
        ("01", "extra data after document", 1),
        ("[] []", "extra data after document", 3),
        ("tru", "unexpected character 't'", 0),
    ],
)
def test_loads_errors(text, message, pos):
    with pytest.raises(JSONDecodeError) as info:
        loads(text)
    assert info.value.message == message
    assert info.value.pos == pos


def test_error_line_and_column():
    with pytest.raises(JSONDecodeError) as info:
        loads('{\n  "a": 1,\n  "b" 2\n}')
    assert (info.value.line, info.value.col) == (3, 7)
    assert str(info.value) == "expected ':' (line 3, column 7)"


def test_error_after_leading_newline():
    with pytest.raises(JSONDecodeError) as info:
        loads("\n@")
    assert (info.value.line, info.value.col) == (2, 1)


def test_loads_compact_object():
    assert loads('{"a":1,"b":[2,{"c":3}]}') == {"a": 1, "b": [2, {"c": 3}]}


def test_error_on_first_line_column():
    with pytest.raises(JSONDecodeError) as info:
        loads("[1, ?]")
    assert (info.value.line, info.value.col) == (1, 5)


def test_error_is_value_error():
    with pytest.raises(ValueError):
        loads("nul")


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (-12, "-12"),
        (1.5, "1.5"),
        (1e20, "1e+20"),
        ("x", '"x"'),
        ([], "[]"),
        ({}, "{}"),
        ((1, 2), "[1, 2]"),
        ([1, [2, 3]], "[1, [2, 3]]"),
        ({"a": 1, "b": None}, '{"a": 1, "b": null}'),
    ],
)
def test_dumps_compact(value, expected):
    assert dumps(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ('a"b', r'"a\"b"'),
        ("a\\b", r'"a\\b"'),
        ("\n\t\r\b\f", r'"\n\t\r\b\f"'),
        ("\x01", r'"\u0001"'),
        ("\x1f", r'"\u001f"'),
        (" ~", '" ~"'),
        ("\x7f", '"\x7f"'),
        ("\x20", '" "'),
        ("\x80", r'"\u0080"'),
        ("caf\u00e9", r'"caf\u00e9"'),
        ("\u20ac", r'"\u20ac"'),
        ("\uffff", r'"\uffff"'),
        ("\U0001F600", r'"\ud83d\ude00"'),
        ("\U00010000", r'"\ud800\udc00"'),
        ("\U00010001", r'"\ud800\udc01"'),
        ("\U0010FFFF", r'"\udbff\udfff"'),
        ("/", '"/"'),
    ],
)
def test_encode_string_ascii(value, expected):
    assert encode_string(value) == expected


def test_encode_string_keep_unicode():
    assert encode_string("caf\u00e9 \U0001F600\n", ensure_ascii=False) == '"caf\u00e9 \U0001F600\\n"'


def test_dumps_ensure_ascii_false_applies_to_keys():
    assert dumps({"\u00e9": "\u00fc"}, ensure_ascii=False) == '{"\u00e9": "\u00fc"}'


def test_dumps_ensure_ascii_default_applies_to_keys():
    assert dumps({"\u00e9": 1}) == '{"\\u00e9": 1}'


def test_dumps_sort_keys():
    assert dumps({"b": 1, "a": 2, "c": 3}, sort_keys=True) == '{"a": 2, "b": 1, "c": 3}'


def test_dumps_keeps_insertion_order_by_default():
    assert dumps({"b": 1, "a": 2}) == '{"b": 1, "a": 2}'


def test_dumps_indent_nested():
    value = {"name": "x", "items": [1, {"k": []}], "empty": {}}
    expected = (
        "{\n"
        '  "name": "x",\n'
        '  "items": [\n'
        "    1,\n"
        "    {\n"
        '      "k": []\n'
        "    }\n"
        "  ],\n"
        '  "empty": {}\n'
        "}"
    )
    assert dumps(value, indent=2) == expected


def test_dumps_indent_zero_uses_newlines():
    assert dumps([1, 2], indent=0) == "[\n1,\n2\n]"


def test_dumps_indent_with_sorted_keys():
    assert dumps({"z": 1, "a": [True]}, indent=4, sort_keys=True) == (
        '{\n    "a": [\n        true\n    ],\n    "z": 1\n}'
    )


def test_dumps_negative_indent():
    with pytest.raises(ValueError, match="indent"):
        dumps([], indent=-1)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_dumps_rejects_non_finite(value):
    with pytest.raises(ValueError, match="cannot serialise"):
        dumps([value])


def test_dumps_rejects_unknown_type():
    with pytest.raises(TypeError, match="type set"):
        dumps({"a": {1, 2}})


def test_dumps_rejects_non_string_key():
    with pytest.raises(TypeError, match="keys must be strings"):
        dumps({1: "a"})


def test_dumps_detects_circular_list():
    data: list = [1]
    data.append(data)
    with pytest.raises(ValueError, match="circular"):
        dumps(data)


def test_dumps_detects_circular_dict():
    data: dict = {}
    data["self"] = [data]
    with pytest.raises(ValueError, match="circular"):
        dumps(data)


def test_dumps_same_object_twice_is_not_circular():
    shared = [1]
    assert dumps([shared, shared]) == "[[1], [1]]"


def test_round_trip():
    value = {"s": "quote\" \u00e9 \U0001F600", "n": [-1, 2.5, 1e-7], "b": [True, False, None]}
    assert loads(dumps(value)) == value
    assert loads(dumps(value, indent=3, sort_keys=True)) == value
