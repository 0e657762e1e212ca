"""Opcode table for the tiny stack machine."""
from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Op(IntEnum):
    HALT = 0
    PUSH = 1
    POP = 2
    DUP = 3
    SWAP = 4
    ADD = 5
    SUB = 6
    MUL = 7
    DIV = 8
    LT = 9
    EQ = 10
    JMP = 11
    JZ = 12
    CALL = 13
    RET = 14
    LOAD = 15
    STORE = 16
    PRINT = 17


# Opcodes that take exactly one integer operand.
WITH_OPERAND = frozenset({Op.PUSH, Op.JMP, Op.JZ, Op.CALL, Op.LOAD, Op.STORE})

# Opcodes whose operand is a code address (and may therefore be a label).
JUMPS = frozenset({Op.JMP, Op.JZ, Op.CALL})

# How many values each opcode pops from the data stack.
POPS = {
    Op.HALT: 0, Op.PUSH: 0, Op.POP: 1, Op.DUP: 1, Op.SWAP: 2,
    Op.ADD: 2, Op.SUB: 2, Op.MUL: 2, Op.DIV: 2, Op.LT: 2, Op.EQ: 2,
    Op.JMP: 0, Op.JZ: 1, Op.CALL: 0, Op.RET: 0,
    Op.LOAD: 0, Op.STORE: 1, Op.PRINT: 1,
}

OPCODES = {op.name: op for op in Op}
VALID_CODES = frozenset(int(op) for op in Op)


@dataclass(frozen=True)
class Instruction:
    op: int
    arg: int | None = None

    def __str__(self) -> str:
        name = Op(self.op).name if self.op in VALID_CODES else f"?{self.op}"
        return name if self.arg is None else f"{name} {self.arg}"


def lookup(name: str) -> Op:
    """Find an opcode by (case-insensitive) mnemonic."""
    try:
        return OPCODES[name.upper()]
    except KeyError:
        raise KeyError(f"unknown mnemonic {name!r}") from None
