"""Conversions between integers, Roman numerals and English words."""

from __future__ import annotations

ROMAN_VALUES = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"),
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
    (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen",
]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
SCALES = [(1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")]
LIMIT = 1_000_000_000_000
_IRREGULAR_ORDINALS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth",
    "eight": "eighth", "nine": "ninth", "twelve": "twelfth",
}


def to_roman(number: int) -> str:
    """Convert 1..3999 to a canonical Roman numeral."""
    if not 0 < number < 4000:
        raise ValueError(f"{number} is out of range for Roman numerals (1..3999)")
    out = []
    for value, symbol in ROMAN_VALUES:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def from_roman(text: str) -> int:
    """Parse a canonical Roman numeral (case-insensitive)."""
    numeral = text.strip().upper()
    if not numeral:
        raise ValueError("empty Roman numeral")
    for char in numeral:
        if char not in _ROMAN_DIGITS:
            raise ValueError(f"invalid Roman digit {char!r}")
    values = [_ROMAN_DIGITS[char] for char in numeral]
    total = 0
    for index, value in enumerate(values):
        if index + 1 < len(values) and values[index + 1] > value:
            total -= value
        else:
            total += value
    if total > 3999 or to_roman(total) != numeral:
        raise ValueError(f"non-canonical Roman numeral {text!r}")
    return total


def _below_hundred(number: int) -> str:
    if number < 20:
        return ONES[number]
    tens, ones = divmod(number, 10)
    return TENS[tens] + (f"-{ONES[ones]}" if ones else "")


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    parts = []
    if hundreds:
        parts.append(f"{ONES[hundreds]} hundred")
    if rest:
        parts.append(_below_hundred(rest))
    return " ".join(parts)


def to_words(number: int) -> str:
    """Spell an integer with absolute value below one trillion in English."""
    if abs(number) >= LIMIT:
        raise ValueError(f"{number} is too large to spell")
    if number == 0:
        return ONES[0]
    if number < 0:
        return "minus " + to_words(-number)
    parts = []
    for scale, name in SCALES:
        count, number = divmod(number, scale)
        if count:
            parts.append(f"{_below_thousand(count)} {name}")
    if number:
        parts.append(_below_thousand(number))
    return " ".join(parts)


def ordinal_suffix(number: int) -> str:
    """Return the English ordinal suffix: st, nd, rd or th."""
    number = abs(number)
    if 11 <= number % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def ordinal(number: int) -> str:
    """Format ``number`` as a numeric ordinal, e.g. ``"21st"``."""
    return f"{number}{ordinal_suffix(number)}"


def ordinal_words(number: int) -> str:
    """Spell ``number`` as an ordinal, e.g. ``"twenty-first"``."""
    words = to_words(number)
    head, sep, last = words.rpartition(" ")
    prefix, dash, tail = last.rpartition("-")
    if tail in _IRREGULAR_ORDINALS:
        tail = _IRREGULAR_ORDINALS[tail]
    elif tail.endswith("y"):
        tail = tail[:-1] + "ieth"
    else:
        tail += "th"
    return head + sep + prefix + dash + tail


def _word_value(word: str) -> tuple[str, int]:
    if word in ONES[1:10]:
        return "unit", ONES.index(word)
    if word in ONES[10:]:
        return "teen", ONES.index(word)
    if word in TENS[2:]:
        return "tens", TENS.index(word) * 10
    if word == "hundred":
        return "hundred", 100
    for scale, name in SCALES:
        if word == name:
            return "scale", scale
    raise ValueError(f"unknown number word {word!r}")


_ALLOWED_BEFORE = {
    "unit": {None, "tens", "hundred", "scale"},
    "teen": {None, "hundred", "scale"},
    "tens": {None, "hundred", "scale"},
    "hundred": {"unit"},
    "scale": {"unit", "teen", "tens", "hundred"},
}


def from_words(text: str) -> int:
    """Parse English number words (as produced by :func:`to_words`)."""
    words = [w for w in text.lower().replace("-", " ").split() if w != "and"]
    sign = 1
    if words and words[0] in ("minus", "negative"):
        sign = -1
        words = words[1:]
    if not words:
        raise ValueError("no number words given")
    if words == ["zero"]:
        return 0
    total = current = 0
    last: str | None = None
    last_scale = LIMIT
    for word in words:
        kind, value = _word_value(word)
        if last not in _ALLOWED_BEFORE[kind]:
            raise ValueError(f"unexpected {word!r} after {last or 'start'}")
        if kind == "hundred":
            if current > 9:
                raise ValueError("'hundred' must follow a single digit")
            current *= value
        elif kind == "scale":
            if value >= last_scale:
                raise ValueError(f"scale {word!r} out of order")
            total += current * value
            current = 0
            last_scale = value
        else:
            current += value
        last = kind
    return sign * (total + current)
