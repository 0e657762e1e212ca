"""A small hand-written CSV reader and writer.

Supports quoted fields, doubled quotes inside quoted fields, custom
delimiters, newlines embedded in quoted fields, CRLF line endings, reading
rows as dictionaries keyed by the header and writing rows back with
quoting applied only where it is needed.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence


class CSVError(ValueError):
    """Raised for malformed CSV input; carries the 1-based line number."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


def _check_dialect(delimiter: str, quote: str) -> None:
    if len(delimiter) != 1 or len(quote) != 1:
        raise ValueError("delimiter and quote must be single characters")
    if delimiter == quote:
        raise ValueError("delimiter and quote must differ")
    if delimiter in "\r\n" or quote in "\r\n":
        raise ValueError("delimiter and quote cannot be line breaks")


class _Parser:
    """Character-by-character state machine producing rows of fields."""

    def __init__(self, text: str, delimiter: str, quote: str) -> None:
        self.text = text
        self.delimiter = delimiter
        self.quote = quote
        self.rows: list[list[str]] = []
        self.row: list[str] = []
        self.field: list[str] = []
        self.was_quoted = False
        self.line = 1

    def _end_field(self) -> None:
        self.row.append("".join(self.field))
        self.field = []
        self.was_quoted = False

    def _end_row(self) -> None:
        if self.row or self.field or self.was_quoted:
            self._end_field()
            self.rows.append(self.row)
        self.row = []

    def run(self) -> list[list[str]]:
        text, quote = self.text, self.quote
        n = len(text)
        in_quotes = False
        start_line = 1
        i = 0
        while i < n:
            ch = text[i]
            if in_quotes:
                if ch == quote:
                    if i + 1 < n and text[i + 1] == quote:
                        self.field.append(quote)
                        i += 1
                    else:
                        in_quotes = False
                else:
                    if ch == "\n":
                        self.line += 1
                    self.field.append(ch)
            elif ch == quote:
                if self.field:
                    raise CSVError("unexpected quote character", self.line)
                in_quotes = True
                self.was_quoted = True
                start_line = self.line
            elif ch == self.delimiter:
                self._end_field()
            elif ch in "\r\n":
                self._end_row()
                if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                    i += 1
                self.line += 1
            elif self.was_quoted:
                raise CSVError("text after closing quote", self.line)
            else:
                self.field.append(ch)
            i += 1
        if in_quotes:
            raise CSVError("unterminated quoted field", start_line)
        self._end_row()
        return self.rows


def parse(text: str, delimiter: str = ",", quote: str = '"') -> list[list[str]]:
    """Parse CSV text into a list of rows; blank lines are skipped."""
    _check_dialect(delimiter, quote)
    return _Parser(text, delimiter, quote).run()


def read_dicts(
    text: str,
    delimiter: str = ",",
    quote: str = '"',
    restval: str = "",
) -> list[dict[str, str]]:
    """Parse CSV text whose first row is a header into a list of dicts.

    Short rows are padded with ``restval``; rows with too many fields and
    duplicate header names raise :class:`CSVError`.
    """
    rows = parse(text, delimiter, quote)
    if not rows:
        return []
    header = rows[0]
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise CSVError(f"duplicate column name {name!r}", 1)
        seen.add(name)
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise CSVError(
                f"expected at most {len(header)} fields, got {len(row)}", number
            )
        values = row + [restval] * (len(header) - len(row))
        records.append(dict(zip(header, values, strict=True)))
    return records


def needs_quoting(field: str, delimiter: str = ",", quote: str = '"') -> bool:
    """Return True if ``field`` must be quoted to round-trip safely."""
    if field == "":
        return False
    if field[0].isspace() or field[-1].isspace():
        return True
    return any(c in field for c in (delimiter, quote, "\n", "\r"))


def quote_field(field: str, quote: str = '"') -> str:
    """Wrap ``field`` in quotes, doubling any embedded quote characters."""
    return quote + field.replace(quote, quote * 2) + quote


def _to_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def format_row(
    values: Sequence[Any], delimiter: str = ",", quote: str = '"'
) -> str:
    """Format one row (without line terminator), quoting where needed."""
    out = []
    for value in values:
        text = _to_text(value)
        if needs_quoting(text, delimiter, quote):
            text = quote_field(text, quote)
        out.append(text)
    if out == [""]:
        return quote * 2
    return delimiter.join(out)


def write(
    rows: Iterable[Sequence[Any]],
    delimiter: str = ",",
    quote: str = '"',
    line_terminator: str = "\n",
) -> str:
    """Serialise rows to CSV text; every row ends with ``line_terminator``."""
    _check_dialect(delimiter, quote)
    return "".join(
        format_row(row, delimiter, quote) + line_terminator for row in rows
    )


def write_dicts(
    records: Sequence[Mapping[str, Any]],
    fieldnames: Sequence[str] | None = None,
    delimiter: str = ",",
    restval: str = "",
) -> str:
    """Serialise dict records with a header row.

    ``fieldnames`` defaults to the keys of the first record. Missing keys are
    written as ``restval``; unknown keys raise ``ValueError``.
    """
    if fieldnames is None:
        if not records:
            return ""
        fieldnames = list(records[0])
    allowed = set(fieldnames)
    rows: list[list[Any]] = [list(fieldnames)]
    for record in records:
        extra = sorted(k for k in record if k not in allowed)
        if extra:
            raise ValueError(f"unknown fields: {', '.join(extra)}")
        rows.append([record.get(name, restval) for name in fieldnames])
    return write(rows, delimiter)
