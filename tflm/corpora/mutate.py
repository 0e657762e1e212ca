"""AST mutation operators that mirror real Python bugs (DESIGN.md §6).

A mutation is addressed by ``(operator, site, variant)``: ``site`` indexes the operator's candidate nodes in
a fixed walk order of the file's syntax tree, ``variant`` the alternative replacements at that site. The
same source and address always give the same mutant, which is why a corpus manifest can store addresses
instead of files.

Edits are spliced into the original text over the mutated node's own span, so formatting, comments and
(except for a dropped statement) line numbers stay as they were. Only single-line nodes are mutated.
"""

from __future__ import annotations

import ast
import copy
import functools
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

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
            m = cls(str(d["file"]), str(d["operator"]), int(d["site"]), int(d.get("variant", 0)))  # type: ignore[arg-type]
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
_ARITH_SWAP = {
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


def _walk(tree: ast.AST, kind: type | tuple[type, ...]) -> Iterator:
    for node in ast.walk(tree):
        if isinstance(node, kind) and _single_line(node):
            yield node


def comparison_swap(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def _int_const(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def off_by_one(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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
                v = k.value  # type: ignore[attr-defined]
                yield [_expr_edit(k, ast.Constant(v + 1)), _expr_edit(k, ast.Constant(v - 1))]


def negate_condition(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def drop_condition(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
    """``a and b`` → ``a`` or ``b``: one operand of a boolean expression forgotten."""
    for node in _walk(tree, ast.BoolOp):
        edits = []
        for i in range(len(node.values)):
            rest = node.values[:i] + node.values[i + 1 :]
            new = rest[0] if len(rest) == 1 else _replace(node, values=rest)
            edits.append(_expr_edit(node, new))
        yield edits


def and_or_swap(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
    """``and`` ↔ ``or``."""
    for node in _walk(tree, ast.BoolOp):
        yield [_expr_edit(node, _replace(node, op=ast.Or() if isinstance(node.op, ast.And) else ast.And()))]


def arithmetic_swap(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def wrong_constant(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def wrong_variable(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def wrong_attribute(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def wrong_slice(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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


def swap_arguments(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
    """The first two positional arguments of a call swapped."""
    for node in _walk(tree, ast.Call):
        a = node.args
        if (
            len(a) >= 2
            and not any(isinstance(x, ast.Starred) for x in a[:2])
            and ast.dump(a[0]) != ast.dump(a[1])
        ):
            yield [_expr_edit(node, _replace(node, args=[a[1], a[0], *a[2:]]))]


def wrong_return(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
    """``return x`` → ``return None``; ``return True`` ↔ ``return False``."""
    for node in _walk(tree, ast.Return):
        v = node.value
        if v is None or (isinstance(v, ast.Constant) and v.value is None):
            continue
        if isinstance(v, ast.Constant) and isinstance(v.value, bool):
            yield [_expr_edit(v, ast.Constant(not v.value))]
        else:
            yield [_expr_edit(v, ast.Constant(None))]


def wrong_call(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
    """A builtin or method confused with a sibling: ``min``/``max``, ``startswith``/``endswith``..."""
    for node in _walk(tree, ast.Call):
        f = node.func
        if isinstance(f, ast.Name) and f.id in _BUILTIN_SWAP:
            yield [_expr_edit(f, ast.Name(_BUILTIN_SWAP[f.id], ast.Load()))]
        elif isinstance(f, ast.Attribute) and f.attr in _METHOD_SWAP:
            yield [_expr_edit(f, _replace(f, attr=_METHOD_SWAP[f.attr]))]


_DROPPABLE = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr, ast.Return, ast.Break, ast.Continue)


def drop_statement(tree: ast.Module, lines: list[str]) -> Iterator[list[Edit]]:
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
}


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


def enumerate_mutations(file: str, source: str) -> list[Mutation]:
    """Every mutation address of every operator in one file."""
    out = []
    for op in OPERATORS:
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
