import pytest

from tiny_vm import (
    OPCODES,
    VM,
    AssemblyError,
    BadOpcode,
    Instruction,
    Op,
    StackUnderflow,
    VMError,
    assemble,
    disassemble,
    lookup,
    run_source,
)


# ---- opcodes --------------------------------------------------------------

def test_lookup_case_insensitive():
    assert lookup("push") is Op.PUSH
    assert lookup("Print") is Op.PRINT


def test_lookup_unknown():
    with pytest.raises(KeyError, match="unknown mnemonic"):
        lookup("NOP")


def test_opcode_table_complete():
    assert len(OPCODES) == 18
    assert OPCODES["HALT"] == 0
    assert [int(op) for op in Op] == list(range(18))
    assert int(Op.PRINT) == 17


@pytest.mark.parametrize(
    "ins,text",
    [(Instruction(Op.PUSH, 5), "PUSH 5"), (Instruction(Op.ADD), "ADD"), (Instruction(99), "?99"),
     (Instruction(Op.JZ, 0), "JZ 0")],
)
def test_instruction_str(ins, text):
    assert str(ins) == text


# ---- assembler ------------------------------------------------------------

def test_assemble_simple():
    assert assemble("PUSH 2\nPUSH -3\nadd\nprint") == [
        Instruction(Op.PUSH, 2), Instruction(Op.PUSH, -3), Instruction(Op.ADD), Instruction(Op.PRINT),
    ]


def test_assemble_comments_and_blank_lines():
    src = """
    ; full line comment
    PUSH 1   ; trailing
    # hash comment
    PRINT    # also trailing
    """
    assert assemble(src) == [Instruction(Op.PUSH, 1), Instruction(Op.PRINT)]


def test_assemble_labels_resolve_forward_and_backward():
    src = "start: PUSH 0\nJZ end\nJMP start\nend:\nHALT"
    assert assemble(src) == [
        Instruction(Op.PUSH, 0), Instruction(Op.JZ, 3), Instruction(Op.JMP, 0), Instruction(Op.HALT),
    ]


def test_assemble_multiple_labels_same_address():
    prog = assemble("a: b: PUSH 1\nJMP b")
    assert prog[1] == Instruction(Op.JMP, 0)


def test_assemble_plus_sign_integer():
    assert assemble("PUSH +7") == [Instruction(Op.PUSH, 7)]


def test_assemble_numeric_jump_target():
    assert assemble("JMP 4") == [Instruction(Op.JMP, 4)]


@pytest.mark.parametrize(
    "src,line,fragment",
    [
        ("PUSH 1\nFOO", 2, "unknown instruction 'FOO'"),
        ("PUSH", 1, "PUSH takes 1 operand(s)"),
        ("ADD 3", 1, "ADD takes 0 operand(s)"),
        ("PUSH x", 1, "PUSH needs an integer"),
        ("STORE -", 1, "STORE needs an integer"),
        ("\nJMP nowhere", 2, "undefined label 'nowhere'"),
        ("x: PUSH 1\nx: PUSH 2", 2, "duplicate label 'x'"),
        ("9x: PUSH 1", 1, "bad label '9x'"),
    ],
)
def test_assembly_errors(src, line, fragment):
    with pytest.raises(AssemblyError) as info:
        assemble(src)
    assert info.value.line_no == line
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"line {line}:")


def test_disassemble():
    prog = assemble("PUSH 4\nloop: DUP\nJZ loop")
    assert disassemble(prog) == "000 PUSH 4\n001 DUP\n002 JZ 1"


def test_disassemble_empty():
    assert disassemble([]) == ""


# ---- vm arithmetic --------------------------------------------------------

@pytest.mark.parametrize(
    "a,b,op,expected",
    [
        (7, 3, "ADD", 10), (7, 3, "SUB", 4), (3, 7, "SUB", -4), (7, 3, "MUL", 21),
        (7, 2, "DIV", 3), (-7, 2, "DIV", -3), (7, -2, "DIV", -3), (-7, -2, "DIV", 3), (6, 3, "DIV", 2),
        (2, 3, "LT", 1), (3, 3, "LT", 0), (4, 3, "LT", 0), (5, 5, "EQ", 1), (5, 6, "EQ", 0),
    ],
)
def test_binary_ops(a, b, op, expected):
    assert run_source(f"PUSH {a}\nPUSH {b}\n{op}\nPRINT") == [expected]


def test_division_by_zero():
    with pytest.raises(VMError, match="division by zero"):
        run_source("PUSH 1\nPUSH 0\nDIV")


def test_pop_dup_swap():
    assert run_source("PUSH 1\nPUSH 2\nSWAP\nPRINT\nPRINT") == [1, 2]
    assert run_source("PUSH 9\nDUP\nADD\nPRINT") == [18]
    assert run_source("PUSH 1\nPUSH 2\nPOP\nPRINT") == [1]


def test_pop_last_item_leaves_empty_stack():
    vm = VM(assemble("PUSH 1\nPOP"))
    vm.run()
    assert vm.stack == []


def test_print_order_and_stack_left():
    vm = VM(assemble("PUSH 1\nPUSH 2\nPUSH 3\nPRINT"))
    assert vm.run() == [3]
    assert vm.stack == [1, 2]


# ---- control flow ---------------------------------------------------------

COUNTDOWN = """
    PUSH 3
    STORE 0        ; n = 3
loop:
    LOAD 0
    JZ done        ; while n != 0
    LOAD 0
    PRINT
    LOAD 0
    PUSH 1
    SUB
    STORE 0
    JMP loop
done:
    HALT
"""


def test_countdown_loop():
    assert run_source(COUNTDOWN) == [3, 2, 1]


def test_jz_not_taken_for_nonzero():
    assert run_source("PUSH 5\nJZ skip\nPUSH 1\nPRINT\nskip: PUSH 2\nPRINT") == [1, 2]


def test_jz_taken_for_zero():
    assert run_source("PUSH 0\nJZ skip\nPUSH 1\nPRINT\nskip: PUSH 2\nPRINT") == [2]


SQUARE = """
    PUSH 4
    CALL square
    PRINT
    PUSH 7
    CALL square
    PRINT
    HALT
square:         ; replaces top of stack with its square
    DUP
    MUL
    RET
"""


def test_call_and_ret():
    assert run_source(SQUARE) == [16, 49]


def test_halt_step_returns_false():
    vm = VM(assemble("HALT"))
    assert vm.step() is False
    assert vm.halted is True


def test_halt_stops_and_is_sticky():
    vm = VM(assemble("PUSH 1\nHALT\nPRINT"))
    assert vm.run() == []
    assert vm.halted is True
    assert vm.pc == 2
    assert vm.step() is False
    assert vm.steps == 2


def test_running_off_end_halts():
    vm = VM(assemble("PUSH 1"))
    assert vm.step() is True
    assert vm.step() is False
    assert vm.halted


def test_empty_program():
    assert VM([]).run() == []


def test_memory_load_store():
    vm = VM(assemble("PUSH 42\nSTORE 3\nLOAD 3\nLOAD 3\nADD\nPRINT"), memory_size=4)
    assert vm.run() == [84]
    assert vm.memory == [0, 0, 0, 42]


@pytest.mark.parametrize("src", ["LOAD 4", "LOAD -1", "PUSH 1\nSTORE 4"])
def test_memory_out_of_range(src):
    with pytest.raises(VMError, match="memory address out of range"):
        run_source(src, memory_size=4)


def test_jump_to_end_is_allowed():
    assert run_source("JMP 2\nPUSH 1\n") == []


@pytest.mark.parametrize("src", ["JMP 3\nHALT", "JMP -1", "PUSH 0\nJZ 5", "CALL 9"])
def test_jump_out_of_range(src):
    with pytest.raises(VMError, match="jump target out of range"):
        run_source(src)


def test_step_limit():
    with pytest.raises(VMError, match="step limit"):
        run_source("loop: JMP loop", max_steps=50)


def test_default_memory_size():
    vm = VM([])
    assert vm.memory == [0] * 16
    assert run_source("PUSH 5\nSTORE 15\nLOAD 15\nPRINT") == [5]
    with pytest.raises(VMError, match="memory address"):
        run_source("LOAD 16")


def test_default_step_limit_is_ten_thousand():
    vm = VM([Instruction(Op.PUSH, 0)] * 10000)
    vm.run()
    assert vm.steps == 10000
    with pytest.raises(VMError, match="step limit"):
        VM([Instruction(Op.PUSH, 0)] * 10001).run()


def test_step_limit_exact_is_ok():
    vm = VM(assemble("PUSH 1\nPUSH 2\nADD"), max_steps=3)
    vm.run()
    assert vm.stack == [3]
    assert vm.steps == 3


# ---- errors ---------------------------------------------------------------

@pytest.mark.parametrize(
    "src",
    ["POP", "DUP", "PRINT", "ADD", "PUSH 1\nADD", "PUSH 1\nSWAP", "JZ 0", "STORE 0", "PUSH 1\nLT"],
)
def test_stack_underflow(src):
    with pytest.raises(StackUnderflow, match="stack underflow"):
        run_source(src)


def test_stack_underflow_reports_pc():
    with pytest.raises(StackUnderflow, match=r"pc=2 \(MUL\)"):
        run_source("PUSH 1\nPRINT\nMUL")


def test_ret_without_call():
    with pytest.raises(StackUnderflow, match="empty call stack"):
        run_source("RET")


def test_bad_opcode():
    vm = VM([Instruction(Op.PUSH, 1), Instruction(42)])
    vm.step()
    with pytest.raises(BadOpcode, match="bad opcode 42 at pc=1"):
        vm.step()


def test_underflow_is_vm_error():
    assert issubclass(StackUnderflow, VMError)
    assert issubclass(BadOpcode, VMError)
