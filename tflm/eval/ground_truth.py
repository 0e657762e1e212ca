"""Ground truth: the set of faulty ``(file, line)`` pairs of a bug.

Lines are statement first lines, the same ids the collector uses. From a fix, the convention of the
Python fault-localization study of BugsInPy applies:

- lines that the fix edits or removes are faulty;
- for a pure insertion, the code line after the insertion point is faulty, and the code line before too;
- blank lines, comments and docstrings never count.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from tflm.errors import SourceError
from tflm.source import SourceFile


@dataclass(frozen=True)
class GroundTruth:
    """An immutable set of faulty lines.

    Parameters
    ----------
    lines : frozenset of (str, int)
        Faulty ``(file, line)`` pairs; files are relative POSIX paths.
    """

    lines: frozenset[tuple[str, int]]

    def __init__(self, lines: Iterable[tuple[str, int]]) -> None:
        object.__setattr__(self, "lines", frozenset((str(f), int(n)) for f, n in lines))

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(sorted(self.lines))

    def __len__(self) -> int:
        return len(self.lines)

    def __contains__(self, item: object) -> bool:
        return item in self.lines

    def __or__(self, other: GroundTruth) -> GroundTruth:
        return GroundTruth(self.lines | other.lines)

    @classmethod
    def from_fix(cls, file: str, buggy: str, fixed: str) -> GroundTruth:
        """Faulty lines of ``file`` given its buggy and fixed source text.

        A change that touches only blank lines, comments or docstrings on both sides counts for nothing;
        a change that replaces non-code buggy lines with code is an insertion.
        """
        src = SourceFile.parse(buggy, file)
        code, n = src.code_lines, len(src.lines)
        fixed_code = _code_lines_lenient(fixed, file)
        faulty: set[int] = set()
        matcher = difflib.SequenceMatcher(a=buggy.splitlines(), b=fixed.splitlines(), autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            edited = [ln for ln in range(i1 + 1, i2 + 1) if ln in code]
            if edited:
                faulty.update(edited)
            elif any(ln in fixed_code for ln in range(j1 + 1, j2 + 1)):
                # Code inserted between buggy lines i1 and i1 + 1 (1-based): the code lines around it.
                after = next((ln for ln in range(i2 + 1, n + 1) if ln in code), None)
                before = next((ln for ln in range(i1, 0, -1) if ln in code), None)
                faulty.update(ln for ln in (after, before) if ln is not None)
        return cls((file, ln) for ln in _to_statements(src, faulty))


def _code_lines_lenient(text: str, name: str) -> frozenset[int]:
    """Code lines of a fixed version; if it does not parse, every line that is not blank or a comment."""
    try:
        return SourceFile.parse(text, name).code_lines
    except SourceError:
        return frozenset(
            i + 1 for i, ln in enumerate(text.splitlines()) if ln.strip() and not ln.strip().startswith("#")
        )


def _to_statements(src: SourceFile, lines: Iterable[int]) -> set[int]:
    """Fold code lines onto statement first lines; a line inside no statement's own text (``else:``,
    ``finally:``) goes to the next executable line."""
    smap, execs = src.statement_map, src.executable_lines
    out: set[int] = set()
    for ln in lines:
        first = int(smap[ln]) if ln < len(smap) else 0
        if first:
            out.add(first)
        else:
            later = execs[np.searchsorted(execs, ln) :]
            if len(later):
                out.add(int(later[0]))
    return out
