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
    "has_call",
    "has_const_0",
    "has_const_1",
)


_BIT = {name: 1 << i for i, name in enumerate(FLAGS)}
#: Node types that set a flag whatever their fields hold.
_TYPE_BITS = {
    ast.Compare: _BIT["has_compare"],
    ast.BoolOp: _BIT["has_bool"],
    ast.Subscript: _BIT["has_subscript"],
    ast.Call: _BIT["has_call"],
}
_OWN = (ast.expr, ast.withitem, ast.arguments, ast.keyword)


def _own_expressions(stmt: ast.stmt) -> list[ast.AST]:
    """The expressions a statement evaluates itself (not those of the statements in its body)."""
    out: list[ast.AST] = []
    for _, value in ast.iter_fields(stmt):
        items = value if isinstance(value, list) else [value]
        out.extend(v for v in items if isinstance(v, _OWN))
    return out


def _node_bits(node: ast.AST, kind: type) -> int:
    """The flags one expression node sets (the types not in :data:`_TYPE_BITS`)."""
    if kind is ast.BinOp:
        return _BIT["has_arith"] if isinstance(node.op, _ARITH) else 0  # type: ignore[attr-defined]
    if kind is ast.UnaryOp:
        op = node.op  # type: ignore[attr-defined]
        if isinstance(op, ast.Not):
            return _BIT["has_bool"]
        return _BIT["has_arith"] if isinstance(op, ast.USub) else 0
    if kind is ast.Constant:
        value = node.value  # type: ignore[attr-defined]
        if type(value) in (int, float):  # not bool: True == 1 is no constant 1
            return (_BIT["has_const_0"] if value == 0 else 0) | (_BIT["has_const_1"] if value == 1 else 0)
    return 0


_DISPATCHED = frozenset((ast.BinOp, ast.UnaryOp, ast.Constant))


def _describe(stmt: ast.stmt, text: str) -> tuple[int, int, int]:
    """Kind index, flag bits and expression size of one statement."""
    kind = _KIND_OF.get(type(stmt), "other")
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call | ast.Await):
        kind = "call"
    elif kind == "if" and text.lstrip().startswith("elif"):
        kind = "elif"
    bits, n_nodes = 0, 0
    # One explicit stack instead of ast.walk's generators: this runs for every node of every program.
    stack = _own_expressions(stmt)
    type_bits, dispatched, node_type = _TYPE_BITS, _DISPATCHED, ast.AST
    while stack:
        node = stack.pop()
        n_nodes += 1
        t = type(node)
        bits |= type_bits.get(t, 0)
        if t in dispatched:
            bits |= _node_bits(node, t)
        for name in t._fields:  # the children ast.iter_child_nodes would give, without its generators
            value = getattr(node, name, None)
            if type(value) is list:
                stack.extend(v for v in value if isinstance(v, node_type))
            elif isinstance(value, node_type):
                stack.append(value)
    return KINDS.index(kind), bits, n_nodes


def static_features(source: SourceFile, lines: np.ndarray) -> dict[str, np.ndarray]:
    """Static features for the given executable lines (statement first lines) of one file.

    Returns
    -------
    dict of str to ndarray
        ``kind`` (index into :data:`KINDS`), one bool column per :data:`FLAGS`, ``n_nodes`` (size of the
        statement's own expressions) and ``depth`` (control-structure nesting within its function).
    """
    info: dict[int, tuple[int, int, int, int]] = {}
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
    blank = (0, 0, 0, 0)
    rows = np.array([info.get(int(n), blank) for n in lines], dtype=np.int64).reshape(len(lines), 4)
    out: dict[str, np.ndarray] = {"kind": rows[:, 0].astype(np.int8)}
    for name, bit in _BIT.items():
        out[name] = (rows[:, 1] & bit) != 0
    out["n_nodes"] = rows[:, 2].astype(np.int32)
    out["depth"] = rows[:, 3].astype(np.int8)
    return out
