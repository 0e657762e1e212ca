"""The stack machine interpreter."""
from __future__ import annotations

from .assembler import assemble
from .opcodes import POPS, VALID_CODES, Instruction, Op


class VMError(Exception):
    """Base class for runtime errors."""


class StackUnderflow(VMError):
    pass


class BadOpcode(VMError):
    pass


class VM:
    def __init__(self, program: list[Instruction], memory_size: int = 16,
                 max_steps: int = 10000) -> None:
        self.program = program
        self.memory = [0] * memory_size
        self.max_steps = max_steps
        self.stack: list[int] = []
        self.calls: list[int] = []
        self.output: list[int] = []
        self.pc = 0
        self.steps = 0
        self.halted = False

    def _address(self, value: int) -> int:
        if not 0 <= value < len(self.memory):
            raise VMError(f"memory address out of range: {value}")
        return value

    def _jump(self, target: int) -> None:
        if not 0 <= target <= len(self.program):
            raise VMError(f"jump target out of range: {target}")
        self.pc = target

    def _binary(self, op: Op) -> None:
        right = self.stack.pop()
        left = self.stack.pop()
        if op == Op.ADD:
            result = left + right
        elif op == Op.SUB:
            result = left - right
        elif op == Op.MUL:
            result = left * right
        elif op == Op.DIV:
            if right == 0:
                raise VMError("division by zero")
            # truncate toward zero like most hardware
            result = abs(left) // abs(right)
            if (left < 0) != (right < 0):
                result = -result
        elif op == Op.LT:
            result = 1 if left < right else 0
        else:
            result = 1 if left == right else 0
        self.stack.append(result)

    def step(self) -> bool:
        """Execute one instruction; return False once the machine has stopped."""
        if self.halted or self.pc >= len(self.program):
            self.halted = True
            return False
        self.steps += 1
        if self.steps > self.max_steps:
            raise VMError("step limit exceeded")
        ins = self.program[self.pc]
        if ins.op not in VALID_CODES:
            raise BadOpcode(f"bad opcode {ins.op} at pc={self.pc}")
        op = Op(ins.op)
        if len(self.stack) < POPS[op]:
            raise StackUnderflow(f"stack underflow at pc={self.pc} ({op.name})")
        self.pc += 1
        if op == Op.HALT:
            self.halted = True
            return False
        if op == Op.PUSH:
            self.stack.append(ins.arg)
        elif op == Op.POP:
            self.stack.pop()
        elif op == Op.DUP:
            self.stack.append(self.stack[-1])
        elif op == Op.SWAP:
            self.stack[-1], self.stack[-2] = self.stack[-2], self.stack[-1]
        elif op in (Op.ADD, Op.SUB, Op.MUL, Op.DIV, Op.LT, Op.EQ):
            self._binary(op)
        elif op == Op.JMP:
            self._jump(ins.arg)
        elif op == Op.JZ:
            if self.stack.pop() == 0:
                self._jump(ins.arg)
        elif op == Op.CALL:
            self.calls.append(self.pc)
            self._jump(ins.arg)
        elif op == Op.RET:
            if not self.calls:
                raise StackUnderflow("return with empty call stack")
            self.pc = self.calls.pop()
        elif op == Op.LOAD:
            self.stack.append(self.memory[self._address(ins.arg)])
        elif op == Op.STORE:
            self.memory[self._address(ins.arg)] = self.stack.pop()
        else:
            self.output.append(self.stack.pop())
        return True

    def run(self) -> list[int]:
        while self.step():
            pass
        return self.output


def run_source(source: str, **kwargs: int) -> list[int]:
    """Assemble and run a program, returning its printed output."""
    return VM(assemble(source), **kwargs).run()
