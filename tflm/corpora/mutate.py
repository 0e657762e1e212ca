"""AST mutation operators that mirror real Python bugs (docs/corpora.md#mutation-operators).

A mutation is addressed by ``(operator, site, variant)``: ``site`` indexes the operator's candidate nodes in
a fixed walk order of the file's syntax tree, ``variant`` the alternative replacements at that site. The
same source and address always give the same mutant, which is why a corpus manifest can store addresses
instead of files.

Edits are spliced into the original text over the mutated node's own span, so formatting, comments and
(except for a dropped statement) line numbers stay as they were. Only single-line nodes are mutated.
"""

from __future__ import annotations

import ast
import builtins
import copy
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import UnionType
from typing import Any, TypeGuard, cast

from tflm.errors import TflmError


@dataclass(frozen=True)
class Mutation:
    """The address of one mutation in one file."""

    file: str
    operator: str
    site: int
    variant: int = 0

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "operator": self.operator, "site": self.site, "variant": self.variant}

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> Mutation:
        try:
            m = cls(str(d["file"]), str(d["operator"]), int(d["site"]), int(d.get("variant", 0)))  # type: ignore[call-overload]
        except (KeyError, TypeError, ValueError) as exc:
            raise TflmError(f"malformed mutation {d!r}: {exc}") from None
        if m.operator not in OPERATORS:
            raise TflmError(f"unknown mutation operator {m.operator!r}")
        if m.site < 0 or m.variant < 0:
            raise TflmError(f"negative site or variant in mutation {d!r}")
        return m


@dataclass(frozen=True)
class Edit:
    """Replace ``text`` over a node's span: (line, col) to (end_line, end_col), cols in UTF-8 bytes."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str


# ---- precedence, so that a spliced expression never changes how its context parses ---------------------
_BINOP_PREC = {
    ast.BitOr: 5,
    ast.BitXor: 6,
    ast.BitAnd: 7,
    ast.LShift: 8,
    ast.RShift: 8,
    ast.Add: 9,
    ast.Sub: 9,
    ast.Mult: 10,
    ast.Div: 10,
    ast.FloorDiv: 10,
    ast.Mod: 10,
    ast.MatMult: 10,
    ast.Pow: 12,
}


def _prec(node: ast.AST) -> int:
    if isinstance(node, ast.Lambda | ast.IfExp | ast.NamedExpr):
        return 0
    if isinstance(node, ast.BoolOp):
        return 1 if isinstance(node.op, ast.Or) else 2
    if isinstance(node, ast.UnaryOp):
        return 3 if isinstance(node.op, ast.Not) else 11
    if isinstance(node, ast.Compare):
        return 4
    if isinstance(node, ast.BinOp):
        return _BINOP_PREC[type(node.op)]
    return 13


def _expr_edit(old: ast.expr, new: ast.expr) -> Edit | None:
    """The edit replacing ``old`` by ``new``; None when they read the same (an equivalent no-op)."""
    text = ast.unparse(new)
    if text == ast.unparse(old):
        return None
    if _prec(new) < _prec(old):
        text = f"({text})"
    return Edit(old.lineno, old.col_offset, old.end_lineno or old.lineno, old.end_col_offset or 0, text)


def _segment(node: ast.AST, lines: list[str]) -> str:
    """The source text of a single-line node."""
    return lines[node.lineno - 1].encode()[node.col_offset : node.end_col_offset].decode()  # type: ignore[attr-defined]


def _text_edit(old: ast.expr, new: ast.expr, text: str) -> Edit:
    """Replace ``old`` by ``new`` written as ``text`` (its original spelling), parenthesised if needed."""
    if _prec(new) < _prec(old):
        text = f"({text})"
    return Edit(old.lineno, old.col_offset, old.end_lineno or old.lineno, old.end_col_offset or 0, text)


def _single_line(node: ast.AST) -> bool:
    return getattr(node, "lineno", None) is not None and node.lineno == node.end_lineno  # type: ignore[attr-defined]


def _replace(node: ast.expr, **fields: object) -> ast.expr:
    new = copy.deepcopy(node)
    for k, v in fields.items():
        setattr(new, k, v)
    return new


# ---- operators: each yields, per candidate node, the list of alternative edits -------------------------
Operator = Callable[[ast.Module, list[str]], Iterator[list[Edit | None]]]

_CMP_SWAP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_ARITH_SWAP: dict[type[ast.operator], list[type[ast.operator]]] = {
    ast.Add: [ast.Sub],
    ast.Sub: [ast.Add],
    ast.Mult: [ast.Div, ast.Add],
    ast.Div: [ast.Mult, ast.FloorDiv],
    ast.FloorDiv: [ast.Div, ast.Mod],
    ast.Mod: [ast.FloorDiv],
    ast.Pow: [ast.Mult],
}
_BUILTIN_SWAP = {
    "min": "max",
    "max": "min",
    "any": "all",
    "all": "any",
    "sorted": "reversed",
    "int": "round",
    "round": "int",
    "abs": "int",
    "len": "sum",
}
_METHOD_SWAP = {
    "append": "extend",
    "extend": "append",
    "lower": "upper",
    "upper": "lower",
    "startswith": "endswith",
    "endswith": "startswith",
    "keys": "values",
    "values": "keys",
    "strip": "lstrip",
    "lstrip": "rstrip",
    "rstrip": "lstrip",
    "find": "rfind",
    "rfind": "find",
    "index": "rindex",
    "split": "rsplit",
    "pop": "popleft",
    "remove": "discard",
    "add": "remove",
    "insert": "append",
    "get": "setdefault",
    "items": "values",
    "join": "split",
}


def _walk(tree: ast.AST, kind: type | UnionType | tuple[type, ...]) -> Iterator[Any]:
    for node in ast.walk(tree):
        if isinstance(node, kind) and _single_line(node):
            yield node


def comparison_swap(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔ ``!=``, ``in`` ↔ ``not in``, ``is`` ↔ ``is not``."""
    for node in _walk(tree, ast.Compare):
        edits = []
        for i, op in enumerate(node.ops):
            if type(op) in _CMP_SWAP:
                ops = list(node.ops)
                ops[i] = _CMP_SWAP[type(op)]()
                edits.append(_expr_edit(node, _replace(node, ops=ops)))
        if edits:
            yield edits


def _int_const(node: ast.AST) -> TypeGuard[ast.Constant]:
    return isinstance(node, ast.Constant) and type(node.value) is int


def off_by_one(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """Integer constants in comparisons, indices, slices, ``range`` and arithmetic moved by ±1."""
    seen: set[int] = set()
    for node in ast.walk(tree):
        kids: list[ast.AST] = []
        if isinstance(node, ast.Compare):
            kids = [node.left, *node.comparators]
        elif isinstance(node, ast.Subscript):
            kids = [node.slice]
        elif isinstance(node, ast.Slice):
            kids = [node.lower, node.upper]  # type: ignore[list-item]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
            kids = list(node.args)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
            kids = [node.left, node.right]
        for k in kids:
            if k is not None and _int_const(k) and _single_line(k) and id(k) not in seen:
                seen.add(id(k))
                v = cast(int, k.value)  # _int_const: an int
                yield [_expr_edit(k, ast.Constant(v + 1)), _expr_edit(k, ast.Constant(v - 1))]


def negate_condition(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``if c`` → ``if not c`` (also ``while``, ``elif`` and conditional expressions)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If | ast.While | ast.IfExp) and _single_line(node.test):
            t = node.test
            new = (
                t.operand
                if isinstance(t, ast.UnaryOp) and isinstance(t.op, ast.Not)
                else ast.UnaryOp(ast.Not(), t)
            )
            yield [_expr_edit(t, new)]


def drop_condition(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``a and b`` → ``a`` or ``b``: one operand of a boolean expression forgotten."""
    for node in _walk(tree, ast.BoolOp):
        edits = []
        for i in range(len(node.values)):
            rest = node.values[:i] + node.values[i + 1 :]
            new = rest[0] if len(rest) == 1 else _replace(node, values=rest)
            edits.append(_expr_edit(node, new))
        yield edits


def and_or_swap(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``and`` ↔ ``or``."""
    for node in _walk(tree, ast.BoolOp):
        yield [_expr_edit(node, _replace(node, op=ast.Or() if isinstance(node.op, ast.And) else ast.And()))]


def arithmetic_swap(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``+`` ↔ ``-``, ``*`` → ``/``, ``/`` → ``//`` and so on."""
    for node in _walk(tree, ast.BinOp | ast.AugAssign):
        alts = _ARITH_SWAP.get(type(node.op), [])
        if not alts:
            continue
        if isinstance(node, ast.AugAssign):
            yield [_augassign_edit(node, alt(), lines) for alt in alts]
        else:
            yield [_expr_edit(node, _replace(node, op=alt())) for alt in alts]


def _augassign_edit(node: ast.AugAssign, op: ast.operator, lines: list[str]) -> Edit:
    new = copy.deepcopy(node)
    new.op = op
    return _stmt_edit(node, ast.unparse(new), lines)


def _stmt_edit(node: ast.stmt, text: str, lines: list[str]) -> Edit:
    return Edit(node.lineno, node.col_offset, node.end_lineno or node.lineno, node.end_col_offset or 0, text)


def wrong_constant(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A numeric constant replaced by 0 or 1, a boolean flipped, a string emptied."""
    for node in _walk(tree, ast.Constant):
        v = node.value
        if isinstance(v, bool):
            yield [_expr_edit(node, ast.Constant(not v))]
        elif isinstance(v, int | float) and not isinstance(v, bool):
            alts = [a for a in (0, 1, -1) if a != v][:2]
            yield [_expr_edit(node, ast.Constant(type(v)(a))) for a in alts]
        elif isinstance(v, str) and v and not _is_docstring_like(node, tree):
            yield [_expr_edit(node, ast.Constant(""))]


def _is_docstring_like(node: ast.Constant, tree: ast.Module) -> bool:
    return node.col_offset == 0 or len(str(node.value)) > 60


def _scope_names(tree: ast.Module) -> dict[int, list[str]]:
    """For each function, the sorted local names it reads (candidates for a wrong-variable swap)."""
    out: dict[int, list[str]] = {}
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            params = {a.arg for a in fn.args.args + fn.args.kwonlyargs + fn.args.posonlyargs}
            stored = {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            out[id(fn)] = sorted((params | stored) - {"self", "cls"})
    return out


def wrong_variable(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A local variable read replaced by another local of the same function."""
    scopes = _scope_names(tree)
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        names = scopes[id(fn)]
        for node in _walk(fn, ast.Name):
            if isinstance(node.ctx, ast.Load) and node.id in names and len(names) > 1:
                i = names.index(node.id)
                others = [names[(i + 1) % len(names)], names[(i - 1) % len(names)]]
                yield [
                    _expr_edit(node, ast.Name(o, ast.Load())) for o in dict.fromkeys(others) if o != node.id
                ]


def wrong_attribute(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``self.a`` read where ``self.b`` was meant: another attribute name used on ``self`` in the file."""
    attrs = sorted({n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and _on_self(n)})
    if len(attrs) < 2:
        return
    for node in _walk(tree, ast.Attribute):
        if _on_self(node) and isinstance(node.ctx, ast.Load):
            i = attrs.index(node.attr)
            yield [_expr_edit(node, _replace(node, attr=attrs[(i + 1) % len(attrs)]))]


def _on_self(node: ast.Attribute) -> bool:
    return isinstance(node.value, ast.Name) and node.value.id == "self"


def wrong_slice(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A slice bound dropped or moved: ``a[i:j]`` → ``a[i:]``, ``a[:j]``, ``a[i:j + 1]``."""
    for node in _walk(tree, ast.Slice):
        edits = []
        if node.lower is not None:
            edits.append(_expr_edit(node, _replace(node, lower=None)))
        if node.upper is not None:
            edits.append(_expr_edit(node, _replace(node, upper=None)))
            if not _int_const(node.upper):
                edits.append(
                    _expr_edit(node, _replace(node, upper=ast.BinOp(node.upper, ast.Add(), ast.Constant(1))))
                )
        if edits:
            yield edits


def swap_arguments(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """The first two positional arguments of a call swapped."""
    for node in _walk(tree, ast.Call):
        a = node.args
        if (
            len(a) >= 2
            and not any(isinstance(x, ast.Starred) for x in a[:2])
            and ast.dump(a[0]) != ast.dump(a[1])
        ):
            yield [_expr_edit(node, _replace(node, args=[a[1], a[0], *a[2:]]))]


def wrong_return(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``return x`` → ``return None``; ``return True`` ↔ ``return False``."""
    for node in _walk(tree, ast.Return):
        v = node.value
        if v is None or (isinstance(v, ast.Constant) and v.value is None):
            continue
        if isinstance(v, ast.Constant) and isinstance(v.value, bool):
            yield [_expr_edit(v, ast.Constant(not v.value))]
        else:
            yield [_expr_edit(v, ast.Constant(None))]


def wrong_call(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A builtin or method confused with a sibling: ``min``/``max``, ``startswith``/``endswith``..."""
    for node in _walk(tree, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in _BUILTIN_SWAP:
            yield [_expr_edit(f, ast.Name(_BUILTIN_SWAP[f.id], ast.Load()))]
        elif isinstance(f, ast.Attribute) and f.attr in _METHOD_SWAP:
            yield [_expr_edit(f, _replace(f, attr=_METHOD_SWAP[f.attr]))]


_DROPPABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Break, ast.Continue)


def drop_statement(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A simple statement deleted (its whole line), where its block keeps another statement."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list) or len(block) < 2 or isinstance(node, ast.Module):
                continue
            for stmt in block:
                is_doc = isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                if (
                    isinstance(stmt, _DROPPABLE)
                    and _single_line(stmt)
                    and not is_doc
                    and _owns_line(stmt, lines)
                ):
                    yield [Edit(stmt.lineno, 0, stmt.lineno + 1, 0, "")]


def _owns_line(stmt: ast.stmt, lines: list[str]) -> bool:
    """The statement is the only thing on its line (no ``a = 1; b = 2``, no ``if x: y``)."""
    line = lines[stmt.lineno - 1].encode()
    indent = len(line) - len(line.lstrip())
    rest = line[stmt.end_col_offset or 0 :].strip()
    return stmt.col_offset == indent and (not rest or rest.startswith(b"#"))


# ---- operators after the real fix patterns (TSSB-3M / ManySStuBs4J pattern names in the docstrings) -----
def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _ancestors(node: ast.AST, parents: dict[int, ast.AST]) -> Iterator[ast.AST]:
    while id(node) in parents:
        node = parents[id(node)]
        yield node


def _enclosing(
    node: ast.AST, parents: dict[int, ast.AST], kind: type | UnionType | tuple[type, ...]
) -> ast.AST | None:
    return next((a for a in _ancestors(node, parents) if isinstance(a, kind)), None)


_FUNC = ast.FunctionDef | ast.AsyncFunctionDef


def _params(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> list[str]:
    a = fn.args
    names = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
    names += [x.arg for x in (a.vararg, a.kwarg) if x is not None]
    return names


def _loads(node: ast.AST) -> list[str]:
    """Names read in ``node``, in walk order, without the called ones (``len`` in ``len(x)``)."""
    called = {id(n.func) for n in ast.walk(node) if isinstance(n, ast.Call)}
    out = [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in called]
    return list(dict.fromkeys(out))


def _module_names(tree: ast.Module) -> set[str]:
    """Names bound at module level (always bound when a function runs), plus the builtins."""
    names = set(dir(builtins))
    for stmt in tree.body:
        if isinstance(stmt, _FUNC | ast.ClassDef):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
        else:
            names.update(
                n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
            )
    return names


def _owns_lines(stmt: ast.stmt, lines: list[str]) -> bool:
    """Like :func:`_owns_line` for a statement that may span lines: nothing but comments share them."""
    first = lines[stmt.lineno - 1].encode()
    last = lines[(stmt.end_lineno or stmt.lineno) - 1].encode()
    rest = last[stmt.end_col_offset or 0 :].strip()
    return stmt.col_offset == len(first) - len(first.lstrip()) and (not rest or rest.startswith(b"#"))


_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def missing_guard(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A guard ``if c: return/raise/continue/break`` deleted (lines and all): the missing check.

    The fix inserts the guard, so the ground truth is the code lines around it
    (docs/corpora.md#ground-truth), as for ``drop_statement``. Only guards in a block that keeps another
    statement.
    """
    for node in ast.walk(tree):
        if isinstance(node, ast.Module):
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list) or len(block) < 2:
                continue
            for stmt in block:
                if (
                    isinstance(stmt, ast.If)
                    and not stmt.orelse
                    and len(stmt.body) == 1
                    and isinstance(stmt.body[0], _EXITS)
                    and _owns_lines(stmt, lines)
                ):
                    yield [Edit(stmt.lineno, 0, (stmt.end_lineno or stmt.lineno) + 1, 0, "")]


def _truth_tested(name: ast.Name, test: ast.expr, parents: dict[int, ast.AST]) -> bool:
    up = parents.get(id(name))
    if (
        name is test
        or isinstance(up, ast.BoolOp)
        or (isinstance(up, ast.UnaryOp) and isinstance(up.op, ast.Not))
    ):
        return True
    return isinstance(up, ast.Compare) and any(
        isinstance(c, ast.Constant) and c.value is None for c in [up.left, *up.comparators]
    )


def add_condition(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """An excess clause narrows a condition (the fix is TSSB-3M's "less specific if").

    ``if c`` → ``if c and x`` for a name ``x`` that ``c`` reads (a truthiness test where a comparison
    was meant), or ``if c and d`` with ``d`` the nearest other comparison of the function over its
    parameters only (so it can always be evaluated).
    """
    parents = _parents(tree)
    module = _module_names(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.If | ast.While | ast.IfExp) or not _single_line(node.test):
            continue
        t = node.test
        fn = _enclosing(node, parents, _FUNC)
        # A name already tested for truth or against None would make the clause redundant or
        # contradictory (``not x and x``): not a narrower condition.
        tested = {x.id for x in ast.walk(t) if isinstance(x, ast.Name) and _truth_tested(x, t, parents)}
        names = [n for n in _loads(t) if n not in module | tested | {"self", "cls"}]
        alts: list[ast.expr] = [ast.Name(n, ast.Load()) for n in names[:2]]
        if fn is not None:
            params = set(_params(fn))  # type: ignore[arg-type]
            text = ast.unparse(t)
            others = [
                c
                for c in _walk(fn, ast.Compare)
                if _enclosing(c, parents, _FUNC) is fn
                and set(_loads(c)) <= params
                and not any(isinstance(x, ast.Call) for x in ast.walk(c))
                and ast.unparse(c) not in text
            ]
            if others:
                alts.append(min(others, key=lambda c: (abs(c.lineno - t.lineno), c.lineno, c.col_offset)))
        yield [_expr_edit(t, ast.BoolOp(ast.And(), [t, a])) for a in alts]


def wrong_string(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A string literal wrong: another string of the module (a copy-paste), cut short, or case-changed.

    Docstrings, f-string parts and the messages of ``raise`` are left alone: changing a message rarely
    changes behaviour, so those mutants would mostly be equivalent.
    """
    parents = _parents(tree)

    def eligible(node: ast.AST) -> TypeGuard[ast.Constant]:
        return (
            isinstance(node, ast.Constant)
            and type(node.value) is str
            and _single_line(node)
            and not _is_docstring_like(node, tree)
            and not isinstance(parents.get(id(node)), ast.Expr | ast.JoinedStr | ast.FormattedValue)
            and _enclosing(node, parents, ast.Raise | ast.JoinedStr) is None
        )

    nodes = [n for n in ast.walk(tree) if eligible(n)]
    pool = sorted({cast(str, n.value) for n in nodes})  # eligible() keeps str constants only
    for node in nodes:
        v = cast(str, node.value)
        alts = []
        if len(pool) > 1:
            alts.append(pool[(pool.index(v) + 1) % len(pool)])
        if len(v) >= 2:
            alts.append(v[:-1])
        alts.append(v.upper() if v.upper() != v else v.lower())
        yield [_string_edit(node, a, lines) for a in dict.fromkeys(alts) if a != v]


def _string_edit(node: ast.Constant, value: str, lines: list[str]) -> Edit | None:
    """Replace a string literal, keeping its quote character when the new text needs no escaping."""
    edit = _expr_edit(node, ast.Constant(value))
    old = lines[node.lineno - 1].encode()[node.col_offset : node.end_col_offset].decode()
    q = old[:1]
    plain = value.isprintable() and q not in value and "\\" not in value
    if edit is None or q not in "'\"" or old[:3] == q * 3 or not plain:
        return edit
    return Edit(edit.line, edit.col, edit.end_line, edit.end_col, q + value + q)


def _accepts(fn: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call, bound: bool) -> bool:
    """Whether ``call``'s arguments fit ``fn``'s signature (``bound``: a method called on ``self``)."""
    a = fn.args
    pos = [x.arg for x in a.posonlyargs + a.args][1 if bound else 0 :]
    required = len(pos) - len(a.defaults)
    n = len(call.args)
    if any(isinstance(x, ast.Starred) for x in call.args) or any(k.arg is None for k in call.keywords):
        return False
    if n < required and not all(p in {k.arg for k in call.keywords} for p in pos[n:required]):
        return False
    if n > len(pos) and a.vararg is None:
        return False
    names = set(pos) | {x.arg for x in a.kwonlyargs}
    missing_kw = [x.arg for x, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d is None]
    given = {k.arg for k in call.keywords}
    return (a.kwarg is not None or given <= names) and set(missing_kw) <= given


def _functions(tree: ast.Module) -> tuple[dict[str, ast.FunctionDef], dict[int, dict[str, ast.FunctionDef]]]:
    """Module-level functions by name, and each class's methods by name (keyed by the class node)."""
    funcs = {f.name: f for f in tree.body if isinstance(f, _FUNC)}
    methods = {
        id(c): {f.name: f for f in c.body if isinstance(f, _FUNC) and not f.name.startswith("__")}
        for c in ast.walk(tree)
        if isinstance(c, ast.ClassDef)
    }
    return funcs, methods  # type: ignore[return-value]


def _callee(
    call: ast.Call,
    parents: dict[int, ast.AST],
    funcs: dict[str, ast.FunctionDef],
    methods: dict[int, dict[str, ast.FunctionDef]],
) -> tuple[dict[str, ast.FunctionDef], str, bool] | None:
    """The functions a call could be confused with (its namespace), its name, and whether it is bound."""
    f = call.func
    if isinstance(f, ast.Name) and f.id in funcs:
        return funcs, f.id, False
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self":
        cls = _enclosing(call, parents, ast.ClassDef)
        space = methods.get(id(cls), {}) if cls is not None else {}
        if f.attr in space:
            return space, f.attr, True
    return None


def wrong_function(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A call to the wrong function of the same module (or method of the same class) whose signature
    accepts the same arguments (TSSB-3M / ManySStuBs4J "wrong function name")."""
    parents = _parents(tree)
    funcs, methods = _functions(tree)
    for node in _walk(tree, ast.Call):
        found = _callee(node, parents, funcs, methods)
        if found is None:
            continue
        space, name, bound = found
        names = sorted(space)
        i = names.index(name)
        ring = [names[(i + k) % len(names)] for k in range(1, len(names))]
        alts = [o for o in ring if _accepts(space[o], node, bound)][:2]
        f = node.func
        yield [
            _expr_edit(f, ast.Name(o, ast.Load()) if isinstance(f, ast.Name) else _replace(f, attr=o))
            for o in alts
        ]


# Builtins and methods whose trailing positional argument is optional, with the arguments they still need.
_OPTIONAL_TAIL = {
    "round": 1, "int": 1, "range": 1, "enumerate": 1, "sum": 1, "next": 1, "iter": 1, "getattr": 2,
    "split": 0, "rsplit": 0, "strip": 0, "lstrip": 0, "rstrip": 0, "pop": 0, "get": 1, "setdefault": 1,
    "find": 1, "rfind": 1, "index": 1, "rindex": 1, "count": 1, "startswith": 1, "endswith": 1,
    "ljust": 1, "rjust": 1, "center": 1, "replace": 2,
}  # fmt: skip


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _plain_calls(
    tree: ast.Module,
) -> Iterator[
    tuple[ast.Call, dict[int, ast.AST], dict[str, ast.FunctionDef], dict[int, dict[str, ast.FunctionDef]]]
]:
    """Calls without ``*args`` or ``**kwargs`` (their arity is unknown), with what ``_callee`` needs."""
    parents = _parents(tree)
    funcs, methods = _functions(tree)
    for node in _walk(tree, ast.Call):
        if any(isinstance(x, ast.Starred) for x in node.args) or any(k.arg is None for k in node.keywords):
            continue
        yield node, parents, funcs, methods


def missing_argument(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """An argument forgotten: a keyword argument, or a trailing positional one the callee can do without
    (it has a default). The fix is TSSB-3M / ManySStuBs4J "same function more args"."""
    for node, parents, funcs, methods in _plain_calls(tree):
        alts: list[ast.expr] = []
        if node.args:
            shorter = _replace(node, args=node.args[:-1])
            found = _callee(node, parents, funcs, methods)
            if found is not None:
                space, name, bound = found
                if _accepts(space[name], shorter, bound):  # type: ignore[arg-type]
                    alts.append(shorter)
            elif len(node.args) - 1 >= _OPTIONAL_TAIL.get(_call_name(node) or "", len(node.args)):
                alts.append(shorter)
        for i in range(len(node.keywords)):
            alts.append(_replace(node, keywords=node.keywords[:i] + node.keywords[i + 1 :]))
        if alts:
            yield [_expr_edit(node, a) for a in alts]


def _other_value(default: ast.expr | None) -> ast.expr | None:
    """A plausible wrong value for a parameter whose default is ``default`` (None if there is none)."""
    if isinstance(default, ast.Constant):
        v = default.value
        if isinstance(v, bool):
            return ast.Constant(not v)
        if isinstance(v, int | float):
            return ast.Constant(v + 1)
    return None


# Builtins and methods with an optional argument that is easy to pass by mistake: name -> (args, extra).
_EXTRA_BUILTIN: dict[str, tuple[int, ast.expr | ast.keyword]] = {
    "sorted": (1, ast.keyword("reverse", ast.Constant(True))),
    "sort": (0, ast.keyword("reverse", ast.Constant(True))),
    "round": (1, ast.Constant(1)),
    "enumerate": (1, ast.Constant(1)),
    "pop": (0, ast.Constant(0)),
    "split": (1, ast.Constant(1)),
    "rsplit": (1, ast.Constant(1)),
    "replace": (2, ast.Constant(1)),
}


def extra_argument(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """An argument too many: a defaulted parameter of a function of the module passed a wrong value, or a
    builtin's optional argument given (``sorted(x, reverse=True)``, ``.pop(0)``). The fix is TSSB-3M /
    ManySStuBs4J "same function less args"."""
    for node, parents, funcs, methods in _plain_calls(tree):
        alts: list[ast.expr] = []
        found = _callee(node, parents, funcs, methods)
        given = {k.arg for k in node.keywords}
        if found is not None:
            space, name, bound = found
            a = space[name].args
            pos = [x.arg for x in a.posonlyargs + a.args][1 if bound else 0 :]
            defaults = dict(zip(pos[len(pos) - len(a.defaults) :], a.defaults, strict=True))
            defaults.update({x.arg: d for x, d in zip(a.kwonlyargs, a.kw_defaults, strict=True) if d})
            for p, d in defaults.items():
                value = _other_value(d)
                if value is not None and p not in given and p not in pos[: len(node.args)]:
                    alts.append(_replace(node, keywords=[*node.keywords, ast.keyword(p, value)]))
        elif _call_name(node) in _EXTRA_BUILTIN and not node.keywords:
            n, extra = _EXTRA_BUILTIN[_call_name(node)]  # type: ignore[index]
            builtin = _call_name(node) in {"sorted", "round", "enumerate"}
            if len(node.args) == n and isinstance(node.func, ast.Name) == builtin:
                if isinstance(extra, ast.keyword):
                    alts.append(_replace(node, keywords=[extra]))
                else:
                    alts.append(_replace(node, args=[*node.args, extra]))
        if alts:
            yield [_expr_edit(node, a) for a in alts[:2]]


def wrong_return_value(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """``return x`` → the value another ``return`` of the function gives (the other branch's), or one of
    its parameters (the input handed back unchanged). Only values whose names are always bound there."""
    parents = _parents(tree)
    module = _module_names(tree)
    for node in _walk(tree, ast.Return):
        v = node.value
        fn = _enclosing(node, parents, _FUNC)
        if (
            v is None
            or fn is None
            or (isinstance(v, ast.Constant) and (v.value is None or v.value is True or v.value is False))
        ):
            continue
        params = [p for p in _params(fn) if p not in {"self", "cls"}]  # type: ignore[arg-type]
        bound = module | set(params) | {"self", "cls"}
        text = ast.unparse(v)
        others = [
            r.value
            for r in _walk(fn, ast.Return)
            if r is not node
            and r.value is not None
            and _enclosing(r, parents, _FUNC) is fn
            and set(_loads(r.value)) <= bound
            and not any(isinstance(x, ast.NamedExpr | ast.Yield | ast.Await) for x in ast.walk(r.value))
        ]
        others.sort(key=lambda r: (abs(r.lineno - node.lineno), r.lineno))
        # The other value is copied as written (quotes and all), the parameter by name.
        alts = [(o, _segment(o, lines)) for o in others if _single_line(o)][:1]
        alts += [(ast.Name(p, ast.Load()), p) for p in params[:1]]
        seen = {text}
        edits: list[Edit | None] = []
        for new, new_text in alts:
            if ast.unparse(new) not in seen:
                seen.add(ast.unparse(new))
                edits.append(_text_edit(v, new, new_text))
        yield edits


def unary_change(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A unary operator dropped (``not x``, ``-x``, ``~x`` → ``x``) outside ``if``/``while`` tests, which
    ``negate_condition`` covers, or one operand of ``and``/``or`` negated (TSSB-3M "change unary
    operator")."""
    tests = {id(n.test) for n in ast.walk(tree) if isinstance(n, ast.If | ast.While | ast.IfExp)}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.Not | ast.USub | ast.Invert)
            and _single_line(node)
            and id(node) not in tests
            and not isinstance(node.operand, ast.Constant)
        ):
            yield [_expr_edit(node, node.operand)]
        if isinstance(node, ast.BoolOp) and _single_line(node):
            yield [
                _expr_edit(x, ast.UnaryOp(ast.Not(), x))
                for x in node.values
                if not (isinstance(x, ast.UnaryOp) and isinstance(x.op, ast.Not))
            ]


_WRAPPERS = frozenset(
    {
        "abs",
        "int",
        "float",
        "str",
        "list",
        "tuple",
        "set",
        "sorted",
        "round",
        "bool",
        "len",
        "reversed",
        "dict",
        "frozenset",
        "min",
        "max",
        "sum",
    }
)
_NO_ARG_METHODS = {"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "copy", "title", "capitalize"}


def unwrap_call(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """A conversion or cleaning call forgotten: ``int(x)`` → ``x``, ``s.strip()`` → ``s``. The fixes are
    TSSB-3M's "add function around expression" and "add method call"."""
    for node in _walk(tree, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in _WRAPPERS and len(node.args) == 1 and not node.keywords:
            if not isinstance(node.args[0], ast.Starred):
                yield [_expr_edit(node, node.args[0])]
        elif (
            isinstance(f, ast.Attribute) and f.attr in _NO_ARG_METHODS and not node.args and not node.keywords
        ):
            yield [_expr_edit(node, f.value)]


# Calls whose repetition changes state: the statement a duplicated line most often repeats.
_MUTATING = frozenset(
    {
        "append",
        "appendleft",
        "extend",
        "add",
        "insert",
        "pop",
        "popleft",
        "update",
        "remove",
        "discard",
        "write",
        "push",
        "heappush",
        "heappop",
        "move_to_end",
        "setdefault",
        "clear",
    }
)


def duplicate_statement(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit | None]]:
    """An excess statement: an augmented assignment or a state-changing call done twice (a line repeated
    right after itself). The fix deletes the copy, so the copy's line is the faulty one."""
    for node in ast.walk(tree):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(node, field, None)
            if not isinstance(block, list) or isinstance(node, ast.Module):
                continue
            for stmt in block:
                mutating = (
                    isinstance(stmt, ast.Expr)
                    and isinstance(stmt.value, ast.Call)
                    and _call_name(stmt.value) in _MUTATING
                )
                if (
                    (isinstance(stmt, ast.AugAssign) or mutating)
                    and _single_line(stmt)
                    and _owns_line(stmt, lines)
                ):
                    raw = lines[stmt.lineno - 1].encode()
                    text = raw[: stmt.end_col_offset or 0].decode()
                    end = len(raw.rstrip())
                    yield [Edit(stmt.lineno, end, stmt.lineno, end, "\n" + text)]


OPERATORS: dict[str, Operator] = {
    "off_by_one": off_by_one,
    "comparison_swap": comparison_swap,
    "negate_condition": negate_condition,
    "drop_condition": drop_condition,
    "and_or_swap": and_or_swap,
    "wrong_variable": wrong_variable,
    "wrong_attribute": wrong_attribute,
    "wrong_constant": wrong_constant,
    "arithmetic_swap": arithmetic_swap,
    "wrong_slice": wrong_slice,
    "drop_statement": drop_statement,
    "swap_arguments": swap_arguments,
    "wrong_return": wrong_return,
    "wrong_call": wrong_call,
    "missing_guard": missing_guard,
    "add_condition": add_condition,
    "wrong_string": wrong_string,
    "wrong_function": wrong_function,
    "missing_argument": missing_argument,
    "extra_argument": extra_argument,
    "wrong_return_value": wrong_return_value,
    "unary_change": unary_change,
    "unwrap_call": unwrap_call,
    "duplicate_statement": duplicate_statement,
}
# The operators of the first native corpus (manifest seed 0). Its uniform mix samples only these, so that
# regenerating it gives the same bugs; the operators added later enter through weighted batches.
LEGACY_OPERATORS: tuple[str, ...] = tuple(OPERATORS)[:14]


# ---- applying mutations ---------------------------------------------------------------------------------
def apply_edits(source: str, edits: list[Edit]) -> str:
    """Splice edits into ``source``; they must not overlap. Columns are UTF-8 byte offsets, as in ``ast``."""
    lines = [ln.encode() for ln in source.splitlines(keepends=True)]
    for e in sorted(edits, key=lambda e: (e.line, e.col), reverse=True):
        head = lines[e.line - 1][: e.col]
        tail = lines[e.end_line - 1][e.end_col :] if e.end_line <= len(lines) else b""
        lines[e.line - 1 : e.end_line] = [head + e.text.encode() + tail]
    return b"".join(lines).decode()


@functools.lru_cache(maxsize=64)
def candidate_sites(source: str, operator: str) -> tuple[tuple[Edit, ...], ...]:
    """Every site of ``operator`` in ``source``, each with its alternative edits, in a fixed order."""
    tree = ast.parse(source)
    found = OPERATORS[operator](tree, source.splitlines())
    sites = (tuple(e for e in alts if e is not None) for alts in found)
    return tuple(alts for alts in sites if alts)


def enumerate_mutations(file: str, source: str, operators: Iterable[str] | None = None) -> list[Mutation]:
    """Every mutation address of every operator (or of ``operators``, in that order) in one file."""
    out: list[Mutation] = []
    for op in OPERATORS if operators is None else operators:
        for site, alts in enumerate(candidate_sites(source, op)):
            out.extend(Mutation(file, op, site, v) for v in range(len(alts)))
    return out


def mutate(source: str, mutation: Mutation) -> str:
    """The mutant of ``source`` at ``mutation``'s address.

    Raises
    ------
    TflmError
        If the address does not exist in this source, or the mutant does not parse or changes nothing.
    """
    sites = candidate_sites(source, mutation.operator)
    if mutation.site >= len(sites) or mutation.variant >= len(sites[mutation.site]):
        raise TflmError(f"{mutation.file}: no {mutation.operator} site {mutation.site}/{mutation.variant}")
    return _checked(source, apply_edits(source, [sites[mutation.site][mutation.variant]]), mutation)


def mutate_many(source: str, mutations: list[Mutation]) -> str:
    """Apply several mutations of one file at once (their sites must be on different lines)."""
    edits = []
    for m in mutations:
        sites = candidate_sites(source, m.operator)
        if m.site >= len(sites) or m.variant >= len(sites[m.site]):
            raise TflmError(f"{m.file}: no {m.operator} site {m.site}/{m.variant}")
        edits.append(sites[m.site][m.variant])
    spans = sorted((e.line, e.end_line) for e in edits)
    if any(b[0] <= a[1] for a, b in itertools.pairwise(spans)):
        raise TflmError("mutations overlap: each must be on its own line")
    return _checked(source, apply_edits(source, edits), mutations[0])


def _checked(source: str, mutant: str, mutation: Mutation) -> str:
    # No-op edits were already dropped when the sites were listed; what is left is whether it compiles.
    try:
        compile(mutant, mutation.file, "exec", dont_inherit=True)
    except SyntaxError as exc:
        raise TflmError(f"{mutation.file}: {mutation.operator} produced invalid code: {exc.msg}") from None
    return mutant
