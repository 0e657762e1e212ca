"""A small backtracking regular-expression matcher.

Supported syntax: literal characters, ``.`` (any character except newline),
the greedy quantifiers ``*``, ``+`` and ``?``, character classes such as
``[a-z0-9_]`` and negated classes ``[^...]``, the escapes ``\\d``, ``\\w``,
``\\s`` (and ``\\`` before any other character for a literal), and the
anchors ``^`` (at the start of the pattern) and ``$`` (at the end).
"""

from __future__ import annotations

from dataclasses import dataclass


class RegexError(ValueError):
    def __init__(self, message: str, pos: int) -> None:
        super().__init__(f"{message} at position {pos}")
        self.pos = pos


@dataclass(frozen=True)
class CharSet:
    """A set of characters described by ranges, optionally negated."""

    ranges: tuple[tuple[str, str], ...]
    negated: bool = False

    def matches(self, ch: str, ignore_case: bool = False) -> bool:
        candidates = {ch, ch.lower(), ch.upper()} if ignore_case else {ch}
        found = any(lo <= c <= hi for c in candidates for lo, hi in self.ranges)
        return found != self.negated


_ESCAPE_CLASSES = {
    "d": (("0", "9"),),
    "w": (("a", "z"), ("A", "Z"), ("0", "9"), ("_", "_")),
    "s": ((" ", " "), ("\t", "\r")),
}
ANY = CharSet((("\n", "\n"),), negated=True)


@dataclass(frozen=True)
class Item:
    atom: CharSet
    low: int
    high: int | None  # None means unbounded


@dataclass(frozen=True)
class Match:
    text: str
    start: int
    end: int

    def group(self) -> str:
        return self.text[self.start : self.end]

    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _literal(ch: str) -> CharSet:
    return CharSet(((ch, ch),))


def _parse_escape(pattern: str, i: int) -> tuple[tuple[tuple[str, str], ...], int]:
    """Parse ``\\x`` at ``i``; return its ranges and the next index."""
    if i + 1 >= len(pattern):
        raise RegexError("trailing backslash", i)
    ch = pattern[i + 1]
    return _ESCAPE_CLASSES.get(ch, ((ch, ch),)), i + 2


def _parse_class(pattern: str, i: int) -> tuple[CharSet, int]:
    """Parse a bracket expression starting at ``pattern[i] == '['``."""
    start = i
    i += 1
    negated = pattern[i : i + 1] == "^"
    if negated:
        i += 1
    ranges: list[tuple[str, str]] = []
    first = True
    while True:
        if i >= len(pattern):
            raise RegexError("unterminated character class", start)
        ch = pattern[i]
        if ch == "]" and not first:
            return CharSet(tuple(ranges), negated), i + 1
        first = False
        if ch == "\\":
            escaped, i = _parse_escape(pattern, i)
            ranges.extend(escaped)
            continue
        if pattern[i + 1 : i + 2] == "-" and pattern[i + 2 : i + 3] not in ("", "]"):
            hi = pattern[i + 2]
            if hi < ch:
                raise RegexError(f"bad range {ch}-{hi}", i)
            ranges.append((ch, hi))
            i += 3
        else:
            ranges.append((ch, ch))
            i += 1


_QUANTIFIERS = {"*": (0, None), "+": (1, None), "?": (0, 1)}


def _ends_with_anchor(pattern: str) -> bool:
    """True if the pattern ends in a ``$`` that is not backslash-escaped."""
    if not pattern.endswith("$"):
        return False
    backslashes = 0
    index = len(pattern) - 2
    while index >= 0 and pattern[index] == "\\":
        backslashes += 1
        index -= 1
    return backslashes % 2 == 0


class Regex:
    def __init__(self, pattern: str, ignore_case: bool = False) -> None:
        self.pattern = pattern
        self.ignore_case = ignore_case
        self.anchored_start = pattern.startswith("^")
        body_end = len(pattern)
        self.anchored_end = _ends_with_anchor(pattern)
        if self.anchored_end:
            body_end -= 1
        self.items = self._compile(1 if self.anchored_start else 0, body_end)

    def _compile(self, i: int, end: int) -> list[Item]:
        pattern = self.pattern
        items: list[Item] = []
        while i < end:
            ch = pattern[i]
            if ch in _QUANTIFIERS:
                raise RegexError("nothing to repeat", i)
            if ch == "[":
                atom, i = _parse_class(pattern, i)
            elif ch == "\\":
                ranges, i = _parse_escape(pattern, i)
                atom = CharSet(ranges)
            else:
                atom = ANY if ch == "." else _literal(ch)
                i += 1
            low, high = 1, 1
            if i < end and pattern[i] in _QUANTIFIERS:
                low, high = _QUANTIFIERS[pattern[i]]
                i += 1
                if i < end and pattern[i] in _QUANTIFIERS:
                    raise RegexError("multiple repeat", i)
            items.append(Item(atom, low, high))
        return items

    def _match_from(self, text: str, index: int, pos: int, must_end: bool) -> int | None:
        """Match items[index:] at ``pos``; return the end position or None."""
        if index == len(self.items):
            if must_end and pos != len(text):
                return None
            return pos
        item = self.items[index]
        available = len(text) - pos
        limit = available if item.high is None else min(item.high, available)
        count = 0
        while count < limit and item.atom.matches(text[pos + count], self.ignore_case):
            count += 1
        while count >= item.low:
            end = self._match_from(text, index + 1, pos + count, must_end)
            if end is not None:
                return end
            count -= 1
        return None

    def match(self, text: str, pos: int = 0) -> Match | None:
        """Match at exactly ``pos`` (honouring ``^`` only at position 0)."""
        if self.anchored_start and pos != 0:
            return None
        end = self._match_from(text, 0, pos, self.anchored_end)
        return None if end is None else Match(text, pos, end)

    def search(self, text: str, pos: int = 0) -> Match | None:
        """Return the leftmost match starting at or after ``pos``."""
        for start in range(pos, len(text) + 1):
            found = self.match(text, start)
            if found is not None:
                return found
        return None

    def fullmatch(self, text: str) -> Match | None:
        """Match the whole of ``text``."""
        if self._match_from(text, 0, 0, True) is None:
            return None
        return Match(text, 0, len(text))

    def findall(self, text: str) -> list[str]:
        """All non-overlapping matches, left to right."""
        results = []
        pos = 0
        while pos <= len(text):
            found = self.search(text, pos)
            if found is None:
                break
            results.append(found.group())
            pos = found.end if found.end > found.start else found.end + 1
        return results


def compile(pattern: str, ignore_case: bool = False) -> Regex:  # noqa: A001
    return Regex(pattern, ignore_case)


def search(pattern: str, text: str, ignore_case: bool = False) -> Match | None:
    return Regex(pattern, ignore_case).search(text)


def fullmatch(pattern: str, text: str, ignore_case: bool = False) -> Match | None:
    return Regex(pattern, ignore_case).fullmatch(text)


def findall(pattern: str, text: str, ignore_case: bool = False) -> list[str]:
    return Regex(pattern, ignore_case).findall(text)
