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
        """Faulty lines of ``file`` given its buggy and fixed source text."""
        src = SourceFile.parse(buggy, file)
        code = src.code_lines
        n = len(src.lines)
        b_lines, f_lines = buggy.splitlines(), fixed.splitlines()
        faulty: set[int] = set()
        matcher = difflib.SequenceMatcher(a=b_lines, b=f_lines, autojunk=False)
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
            if tag in ("replace", "delete"):
                faulty.update(ln for ln in range(i1 + 1, i2 + 1) if ln in code)
            elif tag == "insert":
                # Inserted between buggy lines i1 and i1 + 1 (1-based).
                after = next((ln for ln in range(i1 + 1, n + 1) if ln in code), None)
                before = next((ln for ln in range(i1, 0, -1) if ln in code), None)
                faulty.update(ln for ln in (after, before) if ln is not None)
        return cls((file, ln) for ln in _to_statements(src, faulty))


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
