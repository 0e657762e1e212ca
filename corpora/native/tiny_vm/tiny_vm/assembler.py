"""Two-pass assembler: text with labels and comments -> list of Instructions."""
from __future__ import annotations

from .opcodes import JUMPS, WITH_OPERAND, Instruction, Op, lookup


class AssemblyError(Exception):
    def __init__(self, line_no: int, message: str) -> None:
        super().__init__(f"line {line_no}: {message}")
        self.line_no = line_no


def _strip_comment(line: str) -> str:
    for marker in (";", "#"):
        pos = line.find(marker)
        if pos != -1:
            line = line[:pos]
    return line.strip()


def _parse_int(token: str) -> int | None:
    body = token[1:] if token[:1] in "+-" else token
    if not body.isdigit():
        return None
    return int(token)


def _split_label(line_no: int, text: str, labels: dict[str, int], address: int) -> str:
    """Register any leading 'name:' labels, returning the remaining text."""
    while ":" in text:
        label, _, rest = text.partition(":")
        label = label.strip()
        if not label.isidentifier():
            raise AssemblyError(line_no, f"bad label {label!r}")
        if label in labels:
            raise AssemblyError(line_no, f"duplicate label {label!r}")
        labels[label] = address
        text = rest.strip()
    return text


def assemble(source: str) -> list[Instruction]:
    labels: dict[str, int] = {}
    pending: list[tuple[int, Op, str | None]] = []
    for line_no, raw in enumerate(source.splitlines(), start=1):
        text = _split_label(line_no, _strip_comment(raw), labels, len(pending))
        if not text:
            continue
        parts = text.split()
        try:
            op = lookup(parts[0])
        except KeyError:
            raise AssemblyError(line_no, f"unknown instruction {parts[0]!r}") from None
        expected = 2 if op in WITH_OPERAND else 1
        if len(parts) != expected:
            raise AssemblyError(line_no, f"{op.name} takes {expected - 1} operand(s)")
        pending.append((line_no, op, parts[1] if expected == 2 else None))

    program: list[Instruction] = []
    for line_no, op, token in pending:
        if token is None:
            program.append(Instruction(op))
            continue
        value = _parse_int(token)
        if value is None:
            if op not in JUMPS:
                raise AssemblyError(line_no, f"{op.name} needs an integer, got {token!r}")
            if token not in labels:
                raise AssemblyError(line_no, f"undefined label {token!r}")
            value = labels[token]
        program.append(Instruction(op, value))
    return program


def disassemble(program: list[Instruction]) -> str:
    return "\n".join(f"{addr:03d} {ins}" for addr, ins in enumerate(program))
