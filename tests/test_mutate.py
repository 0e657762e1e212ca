"""Mutation operators: each yields valid code, the intended edit, and the right ground truth."""

import pytest

from tflm.corpora.mutate import OPERATORS, Mutation, candidate_sites, enumerate_mutations, mutate, mutate_many
from tflm.errors import TflmError
from tflm.eval import GroundTruth

SOURCE = """\
class Box:
    def __init__(self, items, limit):
        self.items = items
        self.limit = limit

    def window(self, start, size):
        end = start + size
        if start < 0 or end > len(self.items):
            raise ValueError("bad window")
        return self.items[start:end]

    def total(self):
        acc = 0
        for i in range(len(self.items)):
            acc += self.items[i] * 2
        return acc

    def full(self):
        return len(self.items) >= self.limit

    def best(self, a, b):
        picked = max(a, b)
        label = "x".upper()
        return picked, label
"""

# operator -> (line, variant, expected text of that line in the mutant)
CASES = {
    "comparison_swap": (8, 0, "        if start <= 0 or end > len(self.items):"),
    "off_by_one": (8, 0, "        if start < 1 or end > len(self.items):"),
    "negate_condition": (8, 0, "        if not (start < 0 or end > len(self.items)):"),
    "drop_condition": (8, 0, "        if end > len(self.items):"),
    "and_or_swap": (8, 0, "        if start < 0 and end > len(self.items):"),
    "arithmetic_swap": (
        15,
        0,
        "            acc -= self.items[i] * 2",
    ),  # the statement comes before its parts
    "wrong_constant": (13, 0, "        acc = 1"),
    "wrong_slice": (10, 0, "        return self.items[:end]"),
    "swap_arguments": (22, 0, "        picked = max(b, a)"),
    "wrong_return": (19, 0, "        return None"),
    "wrong_call": (22, 0, "        picked = min(a, b)"),
    # Sites come in breadth-first order: the comparator `self.limit` before `self.items` inside len().
    "wrong_attribute": (19, 0, "        return len(self.items) >= self.items"),
    # Locals of window() other than self, sorted: end, size, start; `start` is replaced by its neighbour.
    "wrong_variable": (7, 0, "        end = end + size"),
}


def _mutation_at(op: str, line: int, variant: int) -> Mutation:
    for site, alts in enumerate(candidate_sites(SOURCE, op)):
        if alts[0].line == line:
            return Mutation("box.py", op, site, variant)
    raise AssertionError(f"no {op} site on line {line}")


@pytest.mark.parametrize("op", sorted(CASES))
def test_operator_edit_and_ground_truth(op):
    line, variant, expected = CASES[op]
    mutant = mutate(SOURCE, _mutation_at(op, line, variant))
    compile(mutant, "box.py", "exec")
    assert mutant.splitlines()[line - 1] == expected
    # Every other line is untouched, so line numbers still match the original.
    before, after = SOURCE.splitlines(), mutant.splitlines()
    assert len(before) == len(after)
    assert [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [line]
    assert GroundTruth.from_fix("box.py", mutant, SOURCE).lines == {("box.py", line)}


def test_drop_statement_deletes_the_line_and_marks_its_neighbours():
    mutant = mutate(SOURCE, _mutation_at("drop_statement", 7, 0))  # `end = start + size`
    assert "end = start + size" not in mutant
    assert len(mutant.splitlines()) == len(SOURCE.splitlines()) - 1
    # Pure insertion in the fix: the code lines before (def, line 6) and after (the if, now line 7).
    assert GroundTruth.from_fix("box.py", mutant, SOURCE).lines == {("box.py", 6), ("box.py", 7)}


def test_drop_statement_never_empties_a_block():
    sites = candidate_sites(SOURCE, "drop_statement")
    lines = {alts[0].line for alts in sites}
    assert 9 not in lines  # the only statement of its `if` block
    assert 3 in lines and 4 in lines


def test_every_operator_has_sites_and_all_mutants_compile():
    muts = enumerate_mutations("box.py", SOURCE)
    assert {m.operator for m in muts} == set(OPERATORS)
    for m in muts:
        compile(mutate(SOURCE, m), "box.py", "exec")


def test_no_equivalent_textual_mutants():
    for m in enumerate_mutations("box.py", SOURCE):
        assert mutate(SOURCE, m) != SOURCE


def test_parenthesises_when_precedence_drops():
    src = "def f(a, b, c):\n    return c * (a + b)\n"
    sites = candidate_sites(src, "negate_condition")
    assert not sites
    muts = [m for m in enumerate_mutations("f.py", src) if m.operator == "arithmetic_swap"]
    texts = {mutate(src, m).splitlines()[1] for m in muts}
    assert "    return c * (a - b)" in texts and "    return c / (a + b)" in texts


def test_deterministic():
    assert enumerate_mutations("box.py", SOURCE) == enumerate_mutations("box.py", SOURCE)


def test_bad_address():
    with pytest.raises(TflmError, match="no comparison_swap site 999"):
        mutate(SOURCE, Mutation("box.py", "comparison_swap", 999))
    with pytest.raises(TflmError, match="unknown mutation operator"):
        Mutation.from_dict({"file": "box.py", "operator": "nope", "site": 0})
    with pytest.raises(TflmError, match="malformed"):
        Mutation.from_dict({"file": "box.py", "operator": "off_by_one", "site": "x"})


def test_multi_fault_combines_independent_mutations():
    a = _mutation_at("comparison_swap", 8, 0)
    b = _mutation_at("wrong_constant", 13, 0)
    mutant = mutate_many(SOURCE, [a, b])
    assert GroundTruth.from_fix("box.py", mutant, SOURCE).lines == {("box.py", 8), ("box.py", 13)}
    with pytest.raises(TflmError, match="overlap"):
        mutate_many(SOURCE, [a, _mutation_at("and_or_swap", 8, 0)])
