"""Reading Python source: encodings, executable lines and code lines.

Every stage that needs to know "which lines exist" asks this module, so the collector's line ids, the
features and the ground truth all agree on what one line is: the first line of a statement.
"""

from __future__ import annotations

import ast
import io
import os
import stat
import tokenize
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tflm.errors import SourceError

# Reading and parsing need only the standard library; numpy is imported by the properties that build
# arrays, so that a collection can parse its sources while numpy is still loading in the background.
if TYPE_CHECKING:
    import numpy as np

# Statements that compile to no bytecode, so no tracer ever reports them.
_NO_CODE = (ast.Global, ast.Nonlocal)


def decode_source(data: bytes, name: str = "<source>") -> str:
    """Decode source bytes the way the interpreter does (PEP 263 cookie, BOM, else UTF-8).

    Raises
    ------
    SourceError
        If the bytes are not valid in the declared (or default UTF-8) encoding.
    """
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError(f"{name}: {exc.msg}") from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"{name}: line {line} is not valid {encoding} (byte {data[exc.start]:#04x}) and the file "
            "declares no other encoding; add a '# -*- coding: ... -*-' line or re-save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def read_source(path: str | Path, name: str | None = None) -> str:
    """Read a source file with :func:`decode_source`; ``name`` is how errors refer to it.

    Raises
    ------
    SourceError
        If the file cannot be read, is not a regular file (a FIFO, socket or device), or cannot be decoded.
    """
    path = Path(path)
    label = name or str(path)
    try:
        data = _read_regular(path, label)
    except OSError as exc:
        raise SourceError(f"cannot read {label}: {exc.strerror}") from None
    return decode_source(data, label)


def _read_regular(path: Path, label: str) -> bytes:
    """The bytes of ``path`` if it is a regular file. Opening without blocking lets a FIFO with no writer
    be refused instead of waiting for ever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise SourceError(f"cannot read {label}: not a regular file")
        return fh.read()


def _docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of bare string statements: docstrings, and strings left lying around (QuixBugs ends its buggy
    files with one). They compile to no code and are prose, not program."""
    return {
        id(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _header_end(node: ast.stmt) -> int:
    """Last line of a statement's own text: for compound statements, the line before the body."""
    bodies = [getattr(node, f, None) for f in ("body", "handlers", "orelse", "finalbody", "cases")]
    firsts: list[int] = [b[0].lineno for b in bodies if isinstance(b, list) and b and hasattr(b[0], "lineno")]
    if firsts:
        return max(node.lineno, min(firsts) - 1)
    return node.end_lineno or node.lineno


@dataclass(frozen=True)
class SourceFile:
    """A parsed source file.

    Attributes
    ----------
    text : str
        The decoded source.
    tree : ast.Module
        Its syntax tree.
    """

    text: str
    tree: ast.Module

    @classmethod
    def parse(cls, text: str, name: str = "<source>") -> SourceFile:
        """Parse ``text``; a syntax error becomes a :class:`SourceError` naming file and line."""
        try:
            tree = ast.parse(text, filename=name)
        except SyntaxError as exc:
            raise SourceError(f"{name}:{exc.lineno}: syntax error: {exc.msg}") from None
        except ValueError as exc:  # null bytes
            raise SourceError(f"{name}: {exc}") from None
        return cls(text, tree)

    @classmethod
    def read(cls, path: str | Path, name: str | None = None) -> SourceFile:
        return cls.parse(read_source(path, name), name or str(path))

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def docstrings(self) -> set[int]:
        """ids of the tree's bare string statements (see :func:`_docstring_nodes`)."""
        return _docstring_nodes(self.tree)

    @cached_property
    def statement_map(self) -> np.ndarray:
        """``m[l]`` is the first line of the statement whose own text covers line ``l`` (0 if none).

        Tracers report multi-line statements on several lines; mapping through this array folds them onto
        one line id. Inner statements are visited after outer ones, so the innermost statement wins.
        """
        import numpy as np

        m = np.zeros(len(self.lines) + 2, dtype=np.int64)
        skip = self.docstrings
        for node in ast.walk(self.tree):
            if isinstance(node, ast.stmt) and id(node) not in skip:
                start = node.lineno
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    # Decorators run as part of the definition statement.
                    start = min([start] + [d.lineno for d in node.decorator_list])
                m[start : _header_end(node) + 1] = node.lineno
        return m

    @cached_property
    def executable_lines(self) -> np.ndarray:
        """Sorted first lines of every statement that compiles to code."""
        import numpy as np

        skip = self.docstrings
        found = {
            n.lineno
            for n in ast.walk(self.tree)
            if isinstance(n, ast.stmt) and not isinstance(n, _NO_CODE) and id(n) not in skip
        }
        return np.array(sorted(found), dtype=np.int64)

    @cached_property
    def code_lines(self) -> frozenset[int]:
        """Lines holding code: not blank, not comment-only, not part of a docstring."""
        doc_lines: set[int] = set()
        skip = self.docstrings
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Expr) and id(node) in skip:
                doc_lines.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
        found: set[int] = set()
        ignorable = {
            tokenize.COMMENT,
            tokenize.NL,
            tokenize.NEWLINE,
            tokenize.INDENT,
            tokenize.DEDENT,
            tokenize.ENDMARKER,
            tokenize.ENCODING,
        }
        for tok in tokenize.generate_tokens(io.StringIO(self.text).readline):
            if tok.type not in ignorable:
                found.update(range(tok.start[0], tok.end[0] + 1))
        return frozenset(found - doc_lines)

    def columns(self, lines: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where traced line numbers land among :attr:`executable_lines`.

        Returns a mask over ``lines`` of those that fall in an executable statement, and for those the
        index of that statement's first line in :attr:`executable_lines`.
        """
        import numpy as np

        lines = np.asarray(lines, dtype=np.int64)
        execs, smap = self.executable_lines, self.statement_map
        keep = (lines > 0) & (lines < len(smap))
        first = np.zeros(len(lines), dtype=np.int64)
        first[keep] = smap[lines[keep]]
        pos = np.searchsorted(execs, first)
        keep &= pos < len(execs)
        keep[keep] &= execs[pos[keep]] == first[keep]
        return keep, pos[keep]

    def map_lines(self, lines: np.ndarray) -> np.ndarray:
        """Map traced line numbers to statement first lines, dropping lines outside any statement."""
        import numpy as np

        _, cols = self.columns(lines)
        return np.unique(self.executable_lines[cols])
