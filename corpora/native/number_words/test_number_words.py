import pytest

from number_words import (
    from_roman,
    from_words,
    ordinal,
    ordinal_suffix,
    ordinal_words,
    to_roman,
    to_words,
)


@pytest.mark.parametrize(
    "number, roman",
    [
        (1, "I"),
        (3, "III"),
        (4, "IV"),
        (9, "IX"),
        (14, "XIV"),
        (40, "XL"),
        (49, "XLIX"),
        (90, "XC"),
        (400, "CD"),
        (944, "CMXLIV"),
        (1994, "MCMXCIV"),
        (2024, "MMXXIV"),
        (3888, "MMMDCCCLXXXVIII"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_to_roman(number, roman):
    assert to_roman(number) == roman


@pytest.mark.parametrize(
    "number, roman",
    [(1, "I"), (4, "IV"), (6, "VI"), (19, "XIX"), (444, "CDXLIV"), (1994, "MCMXCIV"), (3999, "MMMCMXCIX")],
)
def test_from_roman(number, roman):
    assert from_roman(roman) == number


@pytest.mark.parametrize("number", [0, -5, 4000])
def test_to_roman_out_of_range(number):
    with pytest.raises(ValueError, match="out of range"):
        to_roman(number)


def test_from_roman_lowercase_and_spaces():
    assert from_roman("  mcmxcix ") == 1999


def test_roman_round_trip_all():
    assert all(from_roman(to_roman(n)) == n for n in range(1, 4000))


@pytest.mark.parametrize("text", ["IIII", "VV", "IC", "IL", "XM", "VX", "IIV", "MMMM", "CMC", "DD"])
def test_from_roman_non_canonical(text):
    with pytest.raises(ValueError, match="non-canonical"):
        from_roman(text)


def test_from_roman_invalid_digit():
    with pytest.raises(ValueError, match="invalid Roman digit 'A'"):
        from_roman("XAV")


def test_from_roman_empty():
    with pytest.raises(ValueError, match="empty"):
        from_roman("   ")


@pytest.mark.parametrize(
    "number, words",
    [
        (0, "zero"),
        (7, "seven"),
        (13, "thirteen"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (101, "one hundred one"),
        (110, "one hundred ten"),
        (342, "three hundred forty-two"),
        (1000, "one thousand"),
        (1001, "one thousand one"),
        (12_345, "twelve thousand three hundred forty-five"),
        (1_000_000, "one million"),
        (2_000_019, "two million nineteen"),
        (1_000_200_000, "one billion two hundred thousand"),
        (999_999_999_999, "nine hundred ninety-nine billion nine hundred ninety-nine million "
                          "nine hundred ninety-nine thousand nine hundred ninety-nine"),
        (-1, "minus one"),
        (-45, "minus forty-five"),
        (-1_000, "minus one thousand"),
    ],
)
def test_to_words(number, words):
    assert to_words(number) == words


@pytest.mark.parametrize("number", [1_000_000_000_000, -1_000_000_000_000])
def test_to_words_too_large(number):
    with pytest.raises(ValueError, match="too large"):
        to_words(number)


@pytest.mark.parametrize(
    "number, suffix",
    [(1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (0, "th"), (10, "th"), (11, "th"), (12, "th"),
     (13, "th"), (14, "th"), (21, "st"), (22, "nd"), (23, "rd"), (101, "st"), (111, "th"),
     (112, "th"), (113, "th"), (1002, "nd"), (-1, "st"), (-12, "th")],
)
def test_ordinal_suffix(number, suffix):
    assert ordinal_suffix(number) == suffix


def test_ordinal():
    assert [ordinal(n) for n in (1, 2, 3, 11, 21, 102)] == ["1st", "2nd", "3rd", "11th", "21st", "102nd"]


@pytest.mark.parametrize(
    "number, words",
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (4, "fourth"),
        (5, "fifth"),
        (8, "eighth"),
        (9, "ninth"),
        (12, "twelfth"),
        (20, "twentieth"),
        (21, "twenty-first"),
        (40, "fortieth"),
        (100, "one hundredth"),
        (103, "one hundred third"),
        (1000, "one thousandth"),
        (0, "zeroth"),
    ],
)
def test_ordinal_words(number, words):
    assert ordinal_words(number) == words


@pytest.mark.parametrize(
    "words, number",
    [
        ("zero", 0),
        ("one", 1),
        ("eleven", 11),
        ("forty", 40),
        ("forty-two", 42),
        ("forty two", 42),
        ("one hundred", 100),
        ("nine hundred and nine", 909),
        ("one hundred twelve", 112),
        ("two thousand", 2000),
        ("Three Million Four Hundred Thousand And Five", 3_400_005),
        ("one billion one", 1_000_000_001),
        ("minus seventeen", -17),
        ("negative two hundred", -200),
        ("twenty-one thousand", 21_000),
        ("nineteen million", 19_000_000),
    ],
)
def test_from_words(words, number):
    assert from_words(words) == number


def test_words_round_trip():
    for n in (0, 5, 15, 85, 305, 7_010, 65_536, 1_234_567, -987_654_321, 999_999_999_999):
        assert from_words(to_words(n)) == n


@pytest.mark.parametrize(
    "words, message",
    [
        ("", "no number words"),
        ("minus", "no number words"),
        ("one fish", "unknown number word 'fish'"),
        ("zero one", "unknown number word 'zero'"),
        ("two three", "unexpected 'three' after unit"),
        ("twenty thirty", "unexpected 'thirty' after tens"),
        ("twelve four", "unexpected 'four' after teen"),
        ("five twelve", "unexpected 'twelve' after unit"),
        ("hundred", "unexpected 'hundred' after start"),
        ("twenty hundred", "unexpected 'hundred' after tens"),
        ("ten hundred", "unexpected 'hundred' after teen"),
        ("twenty ten", "unexpected 'ten' after tens"),
        ("nine ten", "unexpected 'ten' after unit"),
        ("thousand", "unexpected 'thousand' after start"),
        ("one thousand thousand", "unexpected 'thousand' after scale"),
        ("one thousand two million", "out of order"),
        ("one thousand two thousand", "out of order"),
        ("one hundred five hundred", "must follow a single digit"),
    ],
)
def test_from_words_errors(words, message):
    with pytest.raises(ValueError, match=message):
        from_words(words)
