"""Static features of each executable line, read from its statement's syntax tree.

Only a statement's *own* expressions count: an ``if`` line is described by its test, not by its body, which
has lines of its own. The features are the ones mutation studies and real Python bug fixes point at: which
kind of statement, which operators and constants it uses, and where it sits in its function.
"""

from __future__ import annotations

import ast

import numpy as np

from tflm.source import SourceFile

#: Statement kinds; the ``kind`` feature is an index into this tuple.
KINDS = (
    "other",
    "assign",
    "augassign",
    "return",
    "if",
    "elif",
    "while",
    "for",
    "call",
    "raise",
    "assert",
    "import",
    "def",
    "class",
    "with",
    "try",
    "flow",
)
_KIND_OF = {
    ast.Assign: "assign",
    ast.AnnAssign: "assign",
    ast.AugAssign: "augassign",
    ast.Return: "return",
    ast.If: "if",
    ast.While: "while",
    ast.For: "for",
    ast.AsyncFor: "for",
    ast.Raise: "raise",
    ast.Assert: "assert",
    ast.Import: "import",
    ast.ImportFrom: "import",
    ast.FunctionDef: "def",
    ast.AsyncFunctionDef: "def",
    ast.ClassDef: "class",
    ast.With: "with",
    ast.AsyncWith: "with",
    ast.Try: "try",
    ast.Break: "flow",
    ast.Continue: "flow",
    ast.Pass: "flow",
}
_ARITH = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow)

#: Boolean flags, in column order.
FLAGS = (
    "has_compare",
    "has_arith",
    "has_bool",
    "has_subscript",
    "has_slice",
    "has_call",
    "has_attr",
    "has_const_0",
    "has_const_1",
    "has_const_neg1",
    "has_len",
    "has_none",
)


def _own_expressions(stmt: ast.stmt) -> list[ast.AST]:
    """The expressions a statement evaluates itself (not those of the statements in its body)."""
    out: list[ast.AST] = []
    for _, value in ast.iter_fields(stmt):
        items = value if isinstance(value, list) else [value]
        out.extend(v for v in items if isinstance(v, ast.expr | ast.withitem | ast.arguments | ast.keyword))
    return out


def _describe(stmt: ast.stmt, text: str) -> tuple[int, list[bool], int]:
    kind = _KIND_OF.get(type(stmt), "other")
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call | ast.Await):
        kind = "call"
    elif kind == "if" and text.lstrip().startswith("elif"):
        kind = "elif"
    flags = dict.fromkeys(FLAGS, False)
    n_nodes = 0
    for expr in _own_expressions(stmt):
        for node in ast.walk(expr):
            n_nodes += 1
            if isinstance(node, ast.Compare):
                flags["has_compare"] = True
            elif isinstance(node, ast.BinOp) and isinstance(node.op, _ARITH):
                flags["has_arith"] = True
            elif isinstance(node, ast.BoolOp) or (
                isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
            ):
                flags["has_bool"] = True
            elif isinstance(node, ast.Subscript):
                flags["has_subscript"] = True
                flags["has_slice"] |= isinstance(node.slice, ast.Slice)
            elif isinstance(node, ast.Call):
                flags["has_call"] = True
                flags["has_len"] |= isinstance(node.func, ast.Name) and node.func.id == "len"
            elif isinstance(node, ast.Attribute):
                flags["has_attr"] = True
            elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
                flags["has_arith"] = True
                operand = node.operand
                if (
                    isinstance(operand, ast.Constant)
                    and operand.value == 1
                    and not isinstance(operand.value, bool)
                ):
                    flags["has_const_neg1"] = True
            elif isinstance(node, ast.Constant):
                value = node.value
                if value is None:
                    flags["has_none"] = True
                elif isinstance(value, int | float) and not isinstance(value, bool):
                    flags["has_const_0"] |= value == 0
                    flags["has_const_1"] |= value == 1
    return KINDS.index(kind), [flags[f] for f in FLAGS], n_nodes


def static_features(source: SourceFile, lines: np.ndarray) -> dict[str, np.ndarray]:
    """Static features for the given executable lines (statement first lines) of one file.

    Returns
    -------
    dict of str to ndarray
        ``kind`` (index into :data:`KINDS`), one bool column per :data:`FLAGS`, ``n_nodes`` (size of the
        statement's own expressions) and ``depth`` (control-structure nesting within its function).
    """
    info: dict[int, tuple[int, list[bool], int, int]] = {}
    text_lines = source.lines

    def visit(body: list[ast.stmt], depth: int) -> None:
        for stmt in body:
            if stmt.lineno not in info:
                text = text_lines[stmt.lineno - 1] if stmt.lineno <= len(text_lines) else ""
                info[stmt.lineno] = (*_describe(stmt, text), depth)
            inner = 0 if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) else depth + 1
            if isinstance(stmt, ast.ClassDef):
                inner = depth
            for name in ("body", "orelse", "finalbody"):
                child = getattr(stmt, name, None)
                if isinstance(child, list):
                    visit(child, inner)
            for handler in getattr(stmt, "handlers", []):
                visit(handler.body, inner)
            for case in getattr(stmt, "cases", []):
                visit(case.body, inner)

    visit(source.tree.body, 0)
    blank = (0, [False] * len(FLAGS), 0, 0)
    rows = [info.get(int(n), blank) for n in lines]
    out: dict[str, np.ndarray] = {"kind": np.array([r[0] for r in rows], dtype=np.int8)}
    flags = np.array([r[1] for r in rows], dtype=bool).reshape(len(rows), len(FLAGS))
    for i, name in enumerate(FLAGS):
        out[name] = flags[:, i]
    out["n_nodes"] = np.array([r[2] for r in rows], dtype=np.int32)
    out["depth"] = np.array([r[3] for r in rows], dtype=np.int8)
    return out
