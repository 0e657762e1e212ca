import random

import pytest

import decimal_strings as ds


@pytest.mark.parametrize(
    "a, b, expected",
    [("0", "0", 0), ("5", "12", -1), ("12", "5", 1), ("123", "124", -1), ("999", "999", 0), ("70", "69", 1)],
)
def test_compare_magnitude(a, b, expected):
    assert ds.compare_magnitude(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [("0", "0", "0"), ("9", "1", "10"), ("999", "1", "1000"), ("1", "999", "1000"),
     ("123", "877", "1000"), ("45", "5", "50"), ("12345678901234567890", "98765432109876543210",
                                                  "111111111011111111100")],
)
def test_add_magnitude(a, b, expected):
    assert ds.add_magnitude(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [("10", "1", "9"), ("1000", "1", "999"), ("500", "500", "0"), ("1234", "34", "1200"),
     ("9", "0", "9"), ("100000", "99999", "1"), ("5023", "1987", "3036")],
)
def test_sub_magnitude(a, b, expected):
    assert ds.sub_magnitude(a, b) == expected


def test_sub_magnitude_requires_larger_first():
    with pytest.raises(ValueError):
        ds.sub_magnitude("12", "13")


@pytest.mark.parametrize(
    "a, b, expected",
    [("0", "123", "0"), ("123", "0", "0"), ("1", "1", "1"), ("9", "9", "81"), ("12", "34", "408"),
     ("999", "999", "998001"), ("1000", "25", "25000"), ("123456789", "987654321", "121932631112635269")],
)
def test_mul_magnitude(a, b, expected):
    assert ds.mul_magnitude(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [("-5", "3", -1), ("3", "-5", 1), ("-5", "-3", -1), ("-3", "-5", 1), ("-0", "0", 0),
     ("7", "7", 0), ("+8", "9", -1), ("0010", "9", 1)],
)
def test_compare_signed(a, b, expected):
    assert ds.compare(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [("2", "3", "5"), ("-2", "-3", "-5"), ("-7", "3", "-4"), ("7", "-3", "4"), ("3", "-7", "-4"),
     ("-3", "7", "4"), ("5", "-5", "0"), ("-5", "5", "0"), ("+007", "-0007", "0"), ("0", "-9", "-9")],
)
def test_add_signed(a, b, expected):
    assert ds.add(a, b) == expected


@pytest.mark.parametrize(
    "a, expected", [("5", "-5"), ("-5", "5"), ("0", "0"), ("-0", "0"), ("+12", "-12")]
)
def test_negate(a, expected):
    assert ds.negate(a) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [("10", "3", "7"), ("3", "10", "-7"), ("-3", "-10", "7"), ("-3", "10", "-13"), ("0", "0", "0"),
     ("1000000000000", "1", "999999999999")],
)
def test_subtract(a, b, expected):
    assert ds.subtract(a, b) == expected


@pytest.mark.parametrize(
    "a, b, expected",
    [("-4", "5", "-20"), ("4", "-5", "-20"), ("-4", "-5", "20"), ("-4", "0", "0"), ("0", "-4", "0")],
)
def test_multiply_signs(a, b, expected):
    assert ds.multiply(a, b) == expected


@pytest.mark.parametrize("bad", ["", "-", "+", "12a", "1.5", "--3", "٣", " "])
def test_invalid_input(bad):
    with pytest.raises(ValueError):
        ds.add(bad, "1")


def test_parse_allows_whitespace_and_leading_zeros():
    assert ds.add("  00042 ", "0") == "42"


@pytest.mark.parametrize(
    "a, d",
    [("17", 5), ("15", 5), ("4", 7), ("0", 3), ("-17", 5), ("-15", 5), ("17", -5), ("-17", -5),
     ("15", -5), ("0", -3), ("123456789012345678901234567890", 97), ("-1000000", 7), ("9", 1)],
)
def test_divmod_small_matches_python(a, d):
    q, r = ds.divmod_small(a, d)
    expected_q, expected_r = divmod(int(a), d)
    assert (q, r) == (str(expected_q), expected_r)


def test_divmod_small_by_zero():
    with pytest.raises(ZeroDivisionError):
        ds.divmod_small("10", 0)


@pytest.mark.parametrize(
    "base, exp, expected",
    [("2", 10, "1024"), ("7", 0, "1"), ("0", 0, "1"), ("0", 5, "0"), ("10", 3, "1000"),
     ("-3", 3, "-27"), ("-3", 4, "81"), ("5", 1, "5"), ("-1", 7, "-1"), ("3", 6, "729")],
)
def test_power(base, exp, expected):
    assert ds.power(base, exp) == expected


def test_power_large():
    assert ds.power("2", 100) == str(2 ** 100)


def test_power_negative_exponent():
    with pytest.raises(ValueError):
        ds.power("2", -1)


@pytest.mark.parametrize(
    "number, expected",
    [("0", "0"), ("999", "999"), ("1000", "1,000"), ("-1234567", "-1,234,567"), ("12345", "12,345"),
     ("100000", "100,000"), ("+0001234", "1,234")],
)
def test_format_thousands(number, expected):
    assert ds.format_thousands(number) == expected


def test_format_custom_separator_and_group():
    assert ds.format_thousands("123456789", sep="_", group=4) == "1_2345_6789"
    assert ds.format_thousands("-1234", sep=" ", group=2) == "-12 34"


def test_format_group_one():
    assert ds.format_thousands("123", sep=".", group=1) == "1.2.3"


def test_format_bad_group():
    with pytest.raises(ValueError):
        ds.format_thousands("123", group=0)


def test_randomized_against_builtin_int():
    rng = random.Random(20240601)
    for _ in range(150):
        a = rng.randint(-10 ** 25, 10 ** 25)
        b = rng.randint(-10 ** 12, 10 ** 12)
        assert ds.add(str(a), str(b)) == str(a + b)
        assert ds.subtract(str(a), str(b)) == str(a - b)
        assert ds.multiply(str(a), str(b)) == str(a * b)
        assert ds.compare(str(a), str(b)) == (a > b) - (a < b)
