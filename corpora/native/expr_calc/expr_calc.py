"""Arithmetic expression calculator.

A tokenizer and recursive-descent parser producing a small syntax tree,
plus an evaluator.  Grammar (lowest to highest precedence)::

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/" | "%") unary)*
    unary   := ("-" | "+") unary | power
    power   := primary ("^" unary)?          # right associative
    primary := NUMBER | NAME | NAME "(" args ")" | "(" expr ")"

Errors are reported as :class:`CalcError` with a 0-based column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Union


class CalcError(Exception):
    """A tokenizing, parsing or evaluation error at a given position."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(f"{message} at position {pos}")
        self.message = message
        self.pos = pos


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op" or "end"
    value: str
    pos: int


OPERATORS = "+-*/%^(),"


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, ending with an ``end`` token."""
    tokens: list[Token] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or (ch == "." and i + 1 < n and text[i + 1].isdigit()):
            start = i
            seen_dot = False
            while i < n and (text[i].isdigit() or (text[i] == "." and not seen_dot)):
                seen_dot = seen_dot or text[i] == "."
                i += 1
            tokens.append(Token("num", text[start:i], start))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < n and (text[i].isalnum() or text[i] == "_"):
                i += 1
            tokens.append(Token("name", text[start:i], start))
        elif ch in OPERATORS:
            tokens.append(Token("op", ch, i))
            i += 1
        else:
            raise CalcError(f"unexpected character {ch!r}", i)
    tokens.append(Token("end", "", n))
    return tokens


@dataclass(frozen=True)
class Num:
    value: Union[int, float]
    pos: int


@dataclass(frozen=True)
class Var:
    name: str
    pos: int


@dataclass(frozen=True)
class Unary:
    op: str
    operand: "Node"
    pos: int


@dataclass(frozen=True)
class Binary:
    op: str
    left: "Node"
    right: "Node"
    pos: int


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple["Node", ...]
    pos: int


Node = Union[Num, Var, Unary, Binary, Call]


class Parser:
    """Recursive-descent parser over a token list."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def _advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _at_op(self, *ops: str) -> bool:
        return self.current.kind == "op" and self.current.value in ops

    def _expect(self, op: str) -> Token:
        if not self._at_op(op):
            raise self._unexpected(f"expected {op!r}")
        return self._advance()

    def _unexpected(self, message: str) -> CalcError:
        token = self.current
        found = "end of input" if token.kind == "end" else repr(token.value)
        return CalcError(f"{message}, found {found}", token.pos)

    def parse(self) -> Node:
        node = self.expr()
        if self.current.kind != "end":
            raise self._unexpected("expected operator")
        return node

    def expr(self) -> Node:
        node = self.term()
        while self._at_op("+", "-"):
            op = self._advance()
            node = Binary(op.value, node, self.term(), op.pos)
        return node

    def term(self) -> Node:
        node = self.unary()
        while self._at_op("*", "/", "%"):
            op = self._advance()
            node = Binary(op.value, node, self.unary(), op.pos)
        return node

    def unary(self) -> Node:
        if self._at_op("-", "+"):
            op = self._advance()
            return Unary(op.value, self.unary(), op.pos)
        return self.power()

    def power(self) -> Node:
        base = self.primary()
        if self._at_op("^"):
            op = self._advance()
            return Binary("^", base, self.unary(), op.pos)
        return base

    def primary(self) -> Node:
        token = self.current
        if token.kind == "num":
            self._advance()
            value = float(token.value) if "." in token.value else int(token.value)
            return Num(value, token.pos)
        if token.kind == "name":
            self._advance()
            if self._at_op("("):
                return Call(token.value, self._arguments(), token.pos)
            return Var(token.value, token.pos)
        if self._at_op("("):
            self._advance()
            node = self.expr()
            self._expect(")")
            return node
        raise self._unexpected("expected number, name or '('")

    def _arguments(self) -> tuple[Node, ...]:
        self._expect("(")
        args: list[Node] = []
        if not self._at_op(")"):
            args.append(self.expr())
            while self._at_op(","):
                self._advance()
                args.append(self.expr())
        self._expect(")")
        return tuple(args)


def parse(text: str) -> Node:
    """Parse ``text`` into a syntax tree."""
    return Parser(text).parse()


# name -> (minimum arity, maximum arity or None, implementation)
FUNCTIONS: dict[str, tuple[int, int | None, Callable[[list[float]], float]]] = {
    "min": (1, None, min),
    "max": (1, None, max),
    "abs": (1, 1, lambda values: abs(*values)),
}


def _call(node: Call, args: list[float]) -> float:
    if node.name not in FUNCTIONS:
        raise CalcError(f"unknown function {node.name!r}", node.pos)
    low, high, func = FUNCTIONS[node.name]
    if len(args) < low or (high is not None and len(args) > high):
        expected = str(low) if high == low else f"at least {low}"
        raise CalcError(
            f"{node.name}() takes {expected} argument(s), got {len(args)}", node.pos
        )
    return func(args)


def _binary(op: str, left: float, right: float, pos: int) -> float:
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "^":
        if left == 0 and right < 0:
            raise CalcError("zero cannot be raised to a negative power", pos)
        return left**right
    if right == 0:
        raise CalcError("division by zero", pos)
    if op == "/":
        return left / right
    return left % right


def evaluate_node(node: Node, variables: Mapping[str, float]) -> float:
    """Evaluate a syntax tree with the given variable bindings."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Var):
        if node.name not in variables:
            raise CalcError(f"unknown variable {node.name!r}", node.pos)
        return variables[node.name]
    if isinstance(node, Unary):
        value = evaluate_node(node.operand, variables)
        return -value if node.op == "-" else value
    if isinstance(node, Binary):
        left = evaluate_node(node.left, variables)
        right = evaluate_node(node.right, variables)
        return _binary(node.op, left, right, node.pos)
    return _call(node, [evaluate_node(arg, variables) for arg in node.args])


def evaluate(text: str, variables: Mapping[str, float] | None = None) -> float:
    """Parse and evaluate ``text``."""
    return evaluate_node(parse(text), variables or {})


def free_variables(text: str) -> list[str]:
    """Return the sorted names of variables used in ``text``."""
    names: set[str] = set()
    stack: list[Node] = [parse(text)]
    while stack:
        node = stack.pop()
        if isinstance(node, Var):
            names.add(node.name)
        elif isinstance(node, Unary):
            stack.append(node.operand)
        elif isinstance(node, Binary):
            stack.extend((node.left, node.right))
        elif isinstance(node, Call):
            stack.extend(node.args)
    return sorted(names)
