"""A tiny stack machine and its assembler."""
from .assembler import AssemblyError, assemble, disassemble
from .opcodes import OPCODES, Instruction, Op, lookup
from .vm import VM, BadOpcode, StackUnderflow, VMError, run_source

__all__ = [
    "OPCODES",
    "AssemblyError",
    "BadOpcode",
    "Instruction",
    "Op",
    "StackUnderflow",
    "VM",
    "VMError",
    "assemble",
    "disassemble",
    "lookup",
    "run_source",
]
