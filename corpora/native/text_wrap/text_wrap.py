"""Text wrapping and layout helpers.

Greedy word wrapping, filling, full justification, centering,
indent/dedent of blocks and truncation with a placeholder.
"""

from __future__ import annotations

from typing import Callable


def _check_width(width: int) -> None:
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")


def split_words(text: str) -> list[str]:
    """Split on any run of whitespace, dropping empty pieces."""
    return text.split()


def _chunks(word: str, first: int, width: int) -> list[str]:
    """Cut ``word`` into a piece of length ``first`` then pieces of ``width``."""
    pieces = [word[:first]] if first > 0 else []
    rest = word[max(first, 0) :]
    for start in range(0, len(rest), width):
        pieces.append(rest[start : start + width])
    return pieces


def wrap(text: str, width: int = 70, break_long_words: bool = True) -> list[str]:
    """Wrap ``text`` into lines of at most ``width`` characters.

    Words longer than ``width`` are split across lines when
    ``break_long_words`` is true, otherwise they get a line of their own.
    """
    _check_width(width)
    lines: list[str] = []
    current = ""
    for word in split_words(text):
        gap = 1 if current else 0
        if len(current) + gap + len(word) <= width:
            current += " " * gap + word
            continue
        if len(word) > width and break_long_words:
            room = width - len(current) - gap
            pieces = _chunks(word, room, width)
            if room > 0:
                lines.append(current + " " * gap + pieces[0])
                pieces = pieces[1:]
            elif current:
                lines.append(current)
            lines.extend(pieces[:-1])
            current = pieces[-1]
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def fill(text: str, width: int = 70, break_long_words: bool = True) -> str:
    """Like :func:`wrap` but returns a single newline-joined string."""
    return "\n".join(wrap(text, width, break_long_words))


def justify_line(line: str, width: int) -> str:
    """Pad the gaps of ``line`` with spaces so that it is exactly ``width`` long.

    Extra spaces go to the leftmost gaps first.  Lines with a single word,
    or whose words cannot fit ``width`` with single spaces, are returned
    unchanged.
    """
    words = split_words(line)
    if len(words) < 2:
        return line
    letters = sum(len(word) for word in words)
    gaps = len(words) - 1
    spaces = width - letters
    if spaces < gaps:
        return line
    base, extra = divmod(spaces, gaps)
    out = []
    for index, word in enumerate(words[:-1]):
        out.append(word + " " * (base + (1 if index < extra else 0)))
    out.append(words[-1])
    return "".join(out)


def justify(text: str, width: int = 70) -> str:
    """Wrap and fully justify every line except the last."""
    lines = wrap(text, width)
    if not lines:
        return ""
    body = [justify_line(line, width) for line in lines[:-1]]
    return "\n".join(body + [lines[-1]])


def center(line: str, width: int, fillchar: str = " ") -> str:
    """Center ``line`` in ``width``; an odd leftover goes to the right."""
    if len(fillchar) != 1:
        raise ValueError("fillchar must be a single character")
    total = width - len(line)
    left = total // 2
    return fillchar * left + line + fillchar * (total - left)


def indent(
    text: str, prefix: str, predicate: Callable[[str], bool] | None = None
) -> str:
    """Prefix lines of ``text``; by default only lines that are not blank."""
    if predicate is None:
        predicate = lambda line: bool(line.strip())  # noqa: E731
    return "".join(
        prefix + line if predicate(line) else line
        for line in text.splitlines(keepends=True)
    )


def _common_prefix(a: str, b: str) -> str:
    limit = min(len(a), len(b))
    i = 0
    while i < limit and a[i] == b[i]:
        i += 1
    return a[:i]


def dedent(text: str) -> str:
    """Remove whitespace common to the start of every non-blank line.

    Blank lines are reduced to empty lines.
    """
    lines = text.split("\n")
    margin: str | None = None
    for line in lines:
        if not line.strip():
            continue
        lead = line[: len(line) - len(line.lstrip())]
        margin = lead if margin is None else _common_prefix(margin, lead)
    cut = len(margin) if margin else 0
    return "\n".join("" if not line.strip() else line[cut:] for line in lines)


def truncate(text: str, width: int, placeholder: str = "...") -> str:
    """Collapse whitespace and shorten ``text`` to fit ``width``.

    Whole words are kept where possible; if even the first word does not fit
    it is cut mid-word.  The placeholder counts toward ``width``.
    """
    if width < len(placeholder):
        raise ValueError("width is smaller than the placeholder")
    words = split_words(text)
    collapsed = " ".join(words)
    if len(collapsed) <= width:
        return collapsed
    budget = width - len(placeholder)
    kept = ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) > budget:
            break
        kept = candidate
    if not kept:
        kept = collapsed[:budget]
    return kept + placeholder
