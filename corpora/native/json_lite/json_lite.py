"""A small JSON parser and serializer.

``loads`` parses objects, arrays, strings (with all standard escapes,
including ``\\uXXXX`` and surrogate pairs), numbers with fractions and
exponents, ``true``, ``false`` and ``null``.  ``dumps`` serialises Python
values back to JSON with optional indentation and sorted keys.
"""

from __future__ import annotations

from typing import Any

_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_REVERSE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f",
                    "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LITERALS = {"true": True, "false": False, "null": None}
_WHITESPACE = " \t\n\r"


class JSONDecodeError(ValueError):
    """Malformed JSON; ``pos`` is the offset, ``line``/``col`` are 1-based."""

    def __init__(self, message: str, text: str, pos: int) -> None:
        self.pos = pos
        self.line = text.count("\n", 0, pos) + 1
        self.col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        super().__init__(f"{message} (line {self.line}, column {self.col})")
        self.message = message


class _Decoder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, message: str, pos: int | None = None) -> JSONDecodeError:
        return JSONDecodeError(message, self.text, self.pos if pos is None else pos)

    def skip_ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def value(self) -> Any:
        self.skip_ws()
        ch = self.peek()
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        if ch == "-" or "0" <= ch <= "9":
            return self.number()
        for word, result in _LITERALS.items():
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return result
        if ch == "":
            raise self.error("unexpected end of input")
        raise self.error(f"unexpected character {ch!r}")

    def obj(self) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        self.skip_ws()
        if self.peek() == "}":
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            if self.peek() != '"':
                raise self.error("expected string key")
            key = self.string()
            self.skip_ws()
            if self.peek() != ":":
                raise self.error("expected ':'")
            self.pos += 1
            result[key] = self.value()
            self.skip_ws()
            ch = self.peek()
            self.pos += 1
            if ch == "}":
                return result
            if ch != ",":
                raise self.error("expected ',' or '}'", self.pos - 1)

    def array(self) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        self.skip_ws()
        if self.peek() == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip_ws()
            ch = self.peek()
            self.pos += 1
            if ch == "]":
                return result
            if ch != ",":
                raise self.error("expected ',' or ']'", self.pos - 1)

    def _hex4(self) -> int:
        digits = self.text[self.pos : self.pos + 4]
        if len(digits) != 4 or any(c not in "0123456789abcdefABCDEF" for c in digits):
            raise self.error("invalid \\u escape")
        self.pos += 4
        return int(digits, 16)

    def string(self) -> str:
        start = self.pos
        self.pos += 1
        chunks: list[str] = []
        while True:
            if self.pos >= len(self.text):
                raise self.error("unterminated string", start)
            ch = self.text[self.pos]
            self.pos += 1
            if ch == '"':
                return "".join(chunks)
            if ch == "\\":
                chunks.append(self._escape())
            elif ord(ch) < 0x20:
                raise self.error("control character in string", self.pos - 1)
            else:
                chunks.append(ch)

    def _escape(self) -> str:
        ch = self.peek()
        self.pos += 1
        if ch in _ESCAPES:
            return _ESCAPES[ch]
        if ch != "u":
            raise self.error("invalid escape", self.pos - 2)
        code = self._hex4()
        if 0xD800 <= code <= 0xDBFF and self.text.startswith("\\u", self.pos):
            self.pos += 2
            low = self._hex4()
            if 0xDC00 <= low <= 0xDFFF:
                return chr(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
            return chr(code) + chr(low)
        return chr(code)

    def _digits(self) -> int:
        start = self.pos
        while "0" <= self.peek() <= "9":
            self.pos += 1
        return self.pos - start

    def number(self) -> int | float:
        start = self.pos
        if self.peek() == "-":
            self.pos += 1
        if self.peek() == "0":
            self.pos += 1
        elif self._digits() == 0:
            raise self.error("expected digit")
        is_float = False
        if self.peek() == ".":
            self.pos += 1
            is_float = True
            if self._digits() == 0:
                raise self.error("expected digit after '.'")
        if self.peek() in ("e", "E"):
            self.pos += 1
            is_float = True
            if self.peek() in ("+", "-"):
                self.pos += 1
            if self._digits() == 0:
                raise self.error("expected exponent digits")
        literal = self.text[start : self.pos]
        return float(literal) if is_float else int(literal)


def loads(text: str) -> Any:
    """Parse a JSON document."""
    decoder = _Decoder(text)
    result = decoder.value()
    decoder.skip_ws()
    if decoder.pos != len(text):
        raise decoder.error("extra data after document")
    return result


def encode_string(value: str, ensure_ascii: bool = True) -> str:
    """Quote and escape a string as a JSON string literal."""
    out = ['"']
    for ch in value:
        code = ord(ch)
        if ch in _REVERSE_ESCAPES:
            out.append(_REVERSE_ESCAPES[ch])
        elif code < 0x20 or (ensure_ascii and code > 0x7F):
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class _Encoder:
    def __init__(self, indent: int | None, sort_keys: bool, ensure_ascii: bool) -> None:
        self.indent = indent
        self.sort_keys = sort_keys
        self.ensure_ascii = ensure_ascii
        self.active: set[int] = set()

    def _join(self, open_: str, items: list[str], close: str, depth: int) -> str:
        if not items:
            return open_ + close
        if self.indent is None:
            return open_ + ", ".join(items) + close
        inner = "\n" + " " * (self.indent * (depth + 1))
        outer = "\n" + " " * (self.indent * depth)
        return open_ + inner + ("," + inner).join(items) + outer + close

    def encode(self, value: Any, depth: int = 0) -> str:
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return str(value)
        if isinstance(value, float):
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError(f"cannot serialise {value!r}")
            return repr(value)
        if isinstance(value, str):
            return encode_string(value, self.ensure_ascii)
        if isinstance(value, (list, tuple, dict)):
            if id(value) in self.active:
                raise ValueError("circular reference detected")
            self.active.add(id(value))
            try:
                return self._container(value, depth)
            finally:
                self.active.discard(id(value))
        raise TypeError(f"cannot serialise object of type {type(value).__name__}")

    def _container(self, value: Any, depth: int) -> str:
        if not isinstance(value, dict):
            items = [self.encode(item, depth + 1) for item in value]
            return self._join("[", items, "]", depth)
        keys = list(value)
        for key in keys:
            if not isinstance(key, str):
                raise TypeError(f"object keys must be strings, got {key!r}")
        if self.sort_keys:
            keys.sort()
        items = [
            encode_string(key, self.ensure_ascii) + ": " + self.encode(value[key], depth + 1)
            for key in keys
        ]
        return self._join("{", items, "}", depth)


def dumps(
    value: Any,
    indent: int | None = None,
    sort_keys: bool = False,
    ensure_ascii: bool = True,
) -> str:
    """Serialise ``value`` to a JSON string."""
    if indent is not None and indent < 0:
        raise ValueError("indent must be non-negative")
    return _Encoder(indent, sort_keys, ensure_ascii).encode(value)
