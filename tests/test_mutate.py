"""Mutation operators: each yields valid code, the intended edit, and the right ground truth."""

import pytest

from tflm.corpora.mutate import (
    LEGACY_OPERATORS,
    OPERATORS,
    Edit,
    Mutation,
    candidate_sites,
    enumerate_mutations,
    mutate,
    mutate_many,
)
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


def _mutation_at(op: str, line: int, variant: int, source: str = SOURCE) -> Mutation:
    for site, alts in enumerate(candidate_sites(source, op)):
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
    seen = set()
    for src in (SOURCE, SOURCE2):
        muts = enumerate_mutations("box.py", src)
        seen |= {m.operator for m in muts}
        for m in muts:
            compile(mutate(src, m), "box.py", "exec")
    assert set(LEGACY_OPERATORS) <= {m.operator for m in enumerate_mutations("box.py", SOURCE)}
    assert seen == set(OPERATORS)


def test_no_equivalent_textual_mutants():
    for src in (SOURCE, SOURCE2):
        for m in enumerate_mutations("box.py", src):
            assert mutate(src, m) != src


def test_parenthesises_when_precedence_drops():
    src = "def f(a, b, c):\n    return c * (a + b)\n"
    sites = candidate_sites(src, "negate_condition")
    assert not sites
    muts = [m for m in enumerate_mutations("f.py", src) if m.operator == "arithmetic_swap"]
    texts = {mutate(src, m).splitlines()[1] for m in muts}
    assert "    return c * (a - b)" in texts and "    return c / (a + b)" in texts


def test_deterministic():
    assert enumerate_mutations("box.py", SOURCE) == enumerate_mutations("box.py", SOURCE)
    first = [mutate(SOURCE2, m) for m in enumerate_mutations("box.py", SOURCE2)]
    candidate_sites.cache_clear()
    assert [mutate(SOURCE2, m) for m in enumerate_mutations("box.py", SOURCE2)] == first


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


# ---- operators after the real fix patterns ----------------------------------------------------------------
SOURCE2 = """\
\"\"\"Inventory helpers.\"\"\"

LIMIT = 10


def scale(values, factor=2, clip=False):
    out = []
    for v in values:
        if v is None:
            continue
        x = v * factor
        if clip and x > LIMIT:
            x = LIMIT
        out.append(x)
    return out


def shift(values, offset=1):
    return [v + offset for v in values]


def label(name, sep=","):
    parts = name.split(sep)
    if not parts:
        raise ValueError("empty name")
    return "item" + sep + parts.pop().strip()


def mean(values, lo=0):
    scaled = shift(values, 3)
    if lo < 0 or not scaled:
        return -lo
    return round(sum(scaled) / len(scaled), 2)
"""

# operator -> (line, variant, expected text of that line in the mutant): one line edited in place.
CASES2 = {
    "add_condition": (12, 0, "        if (clip and x > LIMIT) and x:"),
    "wrong_string": (26, 1, '    return "ite" + sep + parts.pop().strip()'),
    # shift(values, 3) fits label(name, sep) and mean(values, lo), not scale's callers only.
    "wrong_function": (30, 0, "    scaled = label(values, 3)"),
    "missing_argument": (30, 0, "    scaled = shift(values)"),
    "extra_argument": (26, 0, '    return "item" + sep + parts.pop(0).strip()'),
    "wrong_return_value": (33, 0, "    return (-lo)"),  # the other branch's value
    "unary_change": (32, 0, "        return lo"),
    "unwrap_call": (26, 0, '    return "item" + sep + parts.pop()'),
}


@pytest.mark.parametrize("op", sorted(CASES2))
def test_new_operator_edit_and_ground_truth(op):
    line, variant, expected = CASES2[op]
    mutant = mutate(SOURCE2, _mutation_at(op, line, variant, SOURCE2))
    assert mutant.splitlines()[line - 1] == expected
    before, after = SOURCE2.splitlines(), mutant.splitlines()
    assert [i + 1 for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [line]
    assert GroundTruth.from_fix("box.py", mutant, SOURCE2).lines == {("box.py", line)}


def test_legacy_operators_are_the_first_corpus_operators_in_their_order():
    # The seed-0 manifest was sampled over exactly these; their addresses must never move.
    assert LEGACY_OPERATORS == (
        "off_by_one", "comparison_swap", "negate_condition", "drop_condition", "and_or_swap",
        "wrong_variable", "wrong_attribute", "wrong_constant", "arithmetic_swap", "wrong_slice",
        "drop_statement", "swap_arguments", "wrong_return", "wrong_call",
    )  # fmt: skip
    legacy = enumerate_mutations("box.py", SOURCE, LEGACY_OPERATORS)
    assert legacy == [m for m in enumerate_mutations("box.py", SOURCE) if m.operator in LEGACY_OPERATORS]


def test_missing_guard_deletes_the_guard_and_marks_its_neighbours_like_drop_statement():
    mutant = mutate(SOURCE2, _mutation_at("missing_guard", 24, 0, SOURCE2))  # if not parts: raise ...
    assert "if not parts" not in mutant and "empty name" not in mutant
    assert len(mutant.splitlines()) == len(SOURCE2.splitlines()) - 2
    # Pure insertion in the fix: the code line before (23) and the one after (now 24), as for drop_statement.
    assert GroundTruth.from_fix("box.py", mutant, SOURCE2).lines == {("box.py", 23), ("box.py", 24)}
    assert {alts[0].line for alts in candidate_sites(SOURCE2, "missing_guard")} == {9, 24, 31}


def test_missing_guard_never_empties_a_block_and_keeps_guards_with_else():
    src = (
        "def f(x):\n    if x:\n        return 1\n\n\n"
        "def g(x):\n    if x:\n        return 1\n    else:\n        x = 2\n    return x\n"
    )
    assert candidate_sites(src, "missing_guard") == ()


def test_duplicate_statement_repeats_a_state_change():
    m = _mutation_at("duplicate_statement", 14, 0, SOURCE2)
    mutant = mutate(SOURCE2, m)
    lines = mutant.splitlines()
    assert lines[13] == lines[14] == "        out.append(x)"
    assert len(lines) == len(SOURCE2.splitlines()) + 1
    # The fix deletes one of the two identical lines; either is the excess statement.
    assert GroundTruth.from_fix("box.py", mutant, SOURCE2).lines in ({("box.py", 14)}, {("box.py", 15)})
    # Plain assignments are not repeated: doing them twice changes nothing.
    assert {alts[0].line for alts in candidate_sites(SOURCE2, "duplicate_statement")} == {14}


def test_add_condition_adds_no_redundant_or_contradictory_clause():
    # `not x and x` or `y is None and y` would be a contradiction, not a narrower condition.
    src = "def f(x, y):\n    if not x:\n        return 1\n    if y is None:\n        return 2\n    return 3\n"
    assert candidate_sites(src, "add_condition") == (
        (Edit(2, 7, 2, 12, "(not x and y is None)"),),  # the other comparison over the parameters
    )
    src = "def f(a, b):\n    if a:\n        return b\n    return b if b > 0 else a\n"
    muts = [m for m in enumerate_mutations("f.py", src) if m.operator == "add_condition"]
    assert "    if (a and b > 0):" in {mutate(src, m).splitlines()[1] for m in muts}


def test_wrong_string_keeps_quotes_and_leaves_messages_and_docstrings():
    alts = candidate_sites(SOURCE2, "wrong_string")
    assert {a[0].line for a in alts} == {22, 26}  # not the docstring, not the raise message
    mutant = mutate(SOURCE2, _mutation_at("wrong_string", 26, 2, SOURCE2))
    assert mutant.splitlines()[25] == '    return "ITEM" + sep + parts.pop().strip()'


def test_wrong_function_and_arguments_respect_signatures():
    src = (
        "def one(a):\n    return a\n\n\ndef two(a, b):\n    return a + b\n\n\n"
        "def three(a, b, c=0):\n    return one(a) + two(a, b) + three(a, b, c=1)\n"
    )
    texts = {
        mutate(src, m).splitlines()[9]
        for m in enumerate_mutations("f.py", src)
        if m.operator in {"wrong_function", "missing_argument", "extra_argument"}
    }
    assert "    return one(a) + three(a, b) + three(a, b, c=1)" in texts  # two(a, b) -> three(a, b)
    assert "    return one(a) + two(a, b) + three(a, b)" in texts  # c=1 dropped: it has a default
    assert "    return one(a) + two(a, b) + two(a, b, c=1)" not in texts  # two takes no c
    assert not any("two(a)" in t or "three(a, c=1)" in t for t in texts)  # required arguments stay
