import dataclasses

import pytest

from expr_calc import (
    Binary,
    CalcError,
    Call,
    Num,
    Token,
    Unary,
    Var,
    evaluate,
    free_variables,
    parse,
    tokenize,
)


def test_tokenize_empty():
    assert tokenize("") == [Token("end", "", 0)]


def test_tokenize_positions_and_kinds():
    assert tokenize(" x1 + 2.5*(y)") == [
        Token("name", "x1", 1),
        Token("op", "+", 4),
        Token("num", "2.5", 6),
        Token("op", "*", 9),
        Token("op", "(", 10),
        Token("name", "y", 11),
        Token("op", ")", 12),
        Token("end", "", 13),
    ]


def test_tokenize_leading_dot_number():
    assert tokenize(".5")[0] == Token("num", ".5", 0)


def test_tokenize_dot_number_after_name():
    assert tokenize("a+.5")[2] == Token("num", ".5", 2)


def test_tokenize_second_dot_ends_number():
    tokens = tokenize("1.2.3")
    assert tokens[0] == Token("num", "1.2", 0)
    assert tokens[1] == Token("num", ".3", 3)


def test_tokenize_underscore_names():
    assert tokenize("_a_b2")[0] == Token("name", "_a_b2", 0)


def test_tokenize_bad_character():
    with pytest.raises(CalcError) as info:
        tokenize("1 + $")
    assert info.value.pos == 4
    assert str(info.value) == "unexpected character '$' at position 4"


def test_tokenize_lone_dot_is_error():
    with pytest.raises(CalcError) as info:
        tokenize("3 + .")
    assert info.value.pos == 4


@pytest.mark.parametrize(
    "text, expected",
    [
        ("42", 42),
        ("1 + 2", 3),
        ("7 - 10", -3),
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("10 - 4 - 3", 3),
        ("7 / 2", 3.5),
        ("17 % 5", 2),
        ("2 * 3 % 4", 2),
        ("2 ^ 10", 1024),
        ("2 ^ 3 ^ 2", 512),
        ("-2 ^ 2", -4),
        ("(-2) ^ 2", 4),
        ("2 ^ -1", 0.5),
        ("--3", 3),
        ("+5", 5),
        ("-(1 + 2) * 3", -9),
        ("1.5 * 4", 6.0),
        ("2 * -3", -6),
        ("100 / 10 / 5", 2.0),
    ],
)
def test_evaluate_arithmetic(text, expected):
    result = evaluate(text)
    assert result == expected
    assert type(result) is type(expected)


def test_integer_literal_stays_int():
    assert isinstance(evaluate("3"), int)
    assert isinstance(evaluate("3.0"), float)


def test_variables():
    assert evaluate("a * x + b", {"a": 2, "x": 5, "b": -1}) == 9


def test_unknown_variable():
    with pytest.raises(CalcError) as info:
        evaluate("1 + foo", {"bar": 1})
    assert info.value.pos == 4
    assert info.value.message == "unknown variable 'foo'"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("min(3, 1, 2)", 1),
        ("max(3, 1, 2)", 3),
        ("max(4)", 4),
        ("abs(-7)", 7),
        ("abs(2 - 5) + min(1, 0)", 3),
        ("max(1, 2) ^ 2", 4),
    ],
)
def test_functions(text, expected):
    assert evaluate(text) == expected


def test_unknown_function():
    with pytest.raises(CalcError) as info:
        evaluate("2 * sqrt(4)")
    assert info.value.pos == 4
    assert info.value.message == "unknown function 'sqrt'"


def test_abs_arity_error():
    with pytest.raises(CalcError) as info:
        evaluate("abs(1, 2)")
    assert info.value.message == "abs() takes 1 argument(s), got 2"
    assert info.value.pos == 0


def test_min_with_no_arguments():
    with pytest.raises(CalcError) as info:
        evaluate(" min()")
    assert info.value.message == "min() takes at least 1 argument(s), got 0"
    assert info.value.pos == 1


def test_max_with_no_arguments():
    with pytest.raises(CalcError) as info:
        evaluate("max()")
    assert info.value.message == "max() takes at least 1 argument(s), got 0"


def test_division_by_zero_reports_operator_position():
    with pytest.raises(CalcError) as info:
        evaluate("1 + 4 / (2 - 2)")
    assert info.value.pos == 6
    assert info.value.message == "division by zero"


def test_modulo_by_zero():
    with pytest.raises(CalcError, match="division by zero"):
        evaluate("5 % 0")


def test_zero_to_negative_power():
    with pytest.raises(CalcError) as info:
        evaluate("0 ^ -1")
    assert info.value.pos == 2


def test_zero_to_zero_power_is_one():
    assert evaluate("0 ^ 0") == 1


def test_negative_base_positive_power():
    assert evaluate("x ^ 3", {"x": -2}) == -8


def test_error_unexpected_end():
    with pytest.raises(CalcError) as info:
        parse("1 +")
    assert info.value.pos == 3
    assert info.value.message == "expected number, name or '(', found end of input"


def test_error_missing_close_paren():
    with pytest.raises(CalcError) as info:
        parse("(1 + 2")
    assert info.value.pos == 6
    assert info.value.message == "expected ')', found end of input"


def test_error_trailing_token():
    with pytest.raises(CalcError) as info:
        parse("1 2")
    assert info.value.pos == 2
    assert info.value.message == "expected operator, found '2'"


def test_error_stray_close_paren():
    with pytest.raises(CalcError) as info:
        parse("1)")
    assert info.value.message == "expected operator, found ')'"


def test_error_empty_input():
    with pytest.raises(CalcError) as info:
        parse("")
    assert info.value.pos == 0


def test_error_bad_argument_separator():
    with pytest.raises(CalcError) as info:
        parse("max(1 2)")
    assert info.value.pos == 6
    assert info.value.message == "expected ')', found '2'"


def test_parse_tree_shape_precedence():
    assert parse("1 + 2 * x") == Binary(
        "+", Num(1, 0), Binary("*", Num(2, 4), Var("x", 8), 6), 2
    )


def test_parse_tree_power_is_right_associative():
    assert parse("a^b^c") == Binary(
        "^", Var("a", 0), Binary("^", Var("b", 2), Var("c", 4), 3), 1
    )


def test_parse_tree_unary_and_call():
    assert parse("-f(1, y)") == Unary(
        "-", Call("f", (Num(1, 3), Var("y", 6)), 1), 0
    )


def test_parse_left_associative_subtraction():
    assert parse("a-b-c") == Binary(
        "-", Binary("-", Var("a", 0), Var("b", 2), 1), Var("c", 4), 3
    )


def test_free_variables_sorted_unique():
    assert free_variables("b + a * b + max(c, 2) ^ d") == ["a", "b", "c", "d"]


def test_free_variables_under_unary_minus():
    assert free_variables("-(-z)") == ["z"]


def test_free_variables_none():
    assert free_variables("1 + abs(-2)") == []


def test_evaluate_with_none_variables():
    assert evaluate("2 * 2", None) == 4


@pytest.mark.parametrize(
    "node",
    [
        Token("num", "1", 0),
        Num(1, 0),
        Var("x", 0),
        Unary("-", Num(1, 1), 0),
        Binary("+", Num(1, 0), Num(2, 2), 1),
        Call("abs", (), 0),
    ],
)
def test_tokens_and_nodes_are_immutable(node):
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.pos = 5
