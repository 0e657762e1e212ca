"""The line table's static, dynamic and relational features."""

import textwrap

import numpy as np
import pytest
from helpers import make_spectrum

from tflm.features.dynamic import EXC_TYPES, exception_features, traceback_features
from tflm.features.static import FLAGS, KINDS, static_features
from tflm.features.structure import call_graph, file_functions
from tflm.features.table import line_table
from tflm.source import SourceFile
from tflm.spectrum import Failure, Spectrum

CODE = textwrap.dedent(
    """\
    import os

    LIMIT = -1


    class Box:
        def __init__(self, items):
            self.items = list(items)

        def head(self, n):
            if n <= 0:
                return []
            elif n > len(self.items):
                raise ValueError("too many")
            return self.items[:n]


    def total(box):
        acc = 0
        for x in box.head(2):
            while x > 1:
                x -= 1
            acc += x
        assert acc >= 0
        helper()
        return acc


    def helper():
        def inner():
            pass
        return None
    """
)


def _lines(src):
    return src.executable_lines


def test_functions_own_their_body_lines_and_calls_link_them():
    src = SourceFile.parse(CODE, "m.py")
    funcs, owner = file_functions(src, "m.py")
    names = [f.name for f in funcs]
    assert names == ["<module>", "Box.__init__", "Box.head", "total", "helper", "helper.inner"]
    by_line = {n: names[owner[n]] for n in _lines(src)}
    assert by_line[1] == by_line[3] == "<module>"  # import and module assignment
    assert by_line[7] == "<module>"  # a def line runs in the scope that defines it
    assert by_line[11] == by_line[15] == "Box.head"
    assert by_line[31] == "helper.inner" and by_line[30] == "helper"
    graph = call_graph(funcs)
    idx = {n: i for i, n in enumerate(names)}
    assert graph.has_edge(idx["total"], idx["Box.head"])  # box.head(2)
    assert graph.has_edge(idx["total"], idx["helper"])
    assert not graph.has_edge(idx["helper"], idx["total"])


def test_static_features_describe_each_statement_header():
    src = SourceFile.parse(CODE, "m.py")
    lines = _lines(src)
    feats = static_features(src, lines)
    row = {int(n): i for i, n in enumerate(lines)}

    def kind(n):
        return KINDS[feats["kind"][row[n]]]

    def flag(name, n):
        return bool(feats[name][row[n]])

    assert [kind(n) for n in (1, 3, 6, 8, 11, 12, 13, 14, 15)] == [
        "import",
        "assign",
        "class",
        "assign",
        "if",
        "return",
        "elif",
        "raise",
        "return",
    ]
    assert [kind(n) for n in (20, 21, 22, 23, 24, 25, 26, 31)] == [
        "for",
        "while",
        "augassign",
        "augassign",
        "assert",
        "call",
        "return",
        "flow",
    ]
    assert flag("has_arith", 3) and flag("has_const_1", 3)  # -1: a negation of the constant 1
    assert flag("has_compare", 11) and flag("has_const_0", 11)
    assert flag("has_call", 13) and flag("has_compare", 13)
    assert flag("has_subscript", 15) and not flag("has_call", 15)
    assert kind(32) == "return" and not any(flag(f, 32) for f in FLAGS)  # None is no numeric constant
    # only the header counts: the `if` on line 11 has no call although its body raises
    assert not flag("has_call", 11)
    depth = {n: int(feats["depth"][row[n]]) for n in (19, 20, 21, 22, 23)}
    assert depth == {19: 0, 20: 0, 21: 1, 22: 2, 23: 1}
    assert set(FLAGS) <= set(feats)


def _spectrum_with_failures():
    # 3 lines; tests: t0 fails with ValueError through lines 2 then 3 (raising), t1 fails with an
    # AssertionError on line 3 only, t2 fails with a ValueError, t3 passes.
    cov = [[1, 1, 1], [0, 0, 1], [1, 1, 0], [1, 0, 0]]
    s = make_spectrum(cov, ["failed", "failed", "failed", "passed"], line_no=[1, 2, 3])
    s.sources = {"m.py": "a = 1\nb = 2\nc = 3\n"}
    s.failures = {
        "test_0": Failure("builtins.ValueError", (("tests/t.py", 9), ("m.py", 2), ("m.py", 3))),
        "test_1": Failure("AssertionError", (("tests/t.py", 4),)),
        "test_2": Failure("ValueError", (("m.py", 1), ("m.py", 2))),
    }
    return s


def test_traceback_and_exception_features():
    s = _spectrum_with_failures()
    sources = {"m.py": SourceFile.parse(s.sources["m.py"], "m.py")}
    tb = traceback_features(s, sources)
    np.testing.assert_array_equal(tb["tb_count"], [1, 2, 1])
    np.testing.assert_allclose(tb["tb_closeness"], [1 / 2, 1.0, 1.0])
    exc = [EXC_TYPES[i] for i in exception_features(s)]
    # line 1: two ValueError tests; line 3: one ValueError, one AssertionError (tie -> first category)
    assert exc[0] == "ValueError" and exc[1] == "ValueError"
    assert exc[2] in ("AssertionError", "ValueError")


def test_line_table_relational_columns_are_consistent(tmp_path):
    code = "def f(x):\n    if x:\n        return 1\n    return 2\n\n\ndef g():\n    return f(0)\n"
    cov = [[1, 1, 1, 0, 1, 1], [1, 1, 0, 1, 1, 1], [1, 1, 0, 1, 1, 0]]
    s = make_spectrum(cov, ["failed", "passed", "passed"], line_no=[1, 2, 3, 4, 7, 8])
    s.sources = {"m.py": code}
    t = line_table(s)
    assert list(t["func"].astype(str)) == [
        "m.py::<module>",
        "m.py::f",
        "m.py::f",
        "m.py::f",
        "m.py::<module>",
        "m.py::g",
    ]
    for _, grp in t.groupby("func_id"):
        assert np.all(grp["func_score_max"] == grp["ochiai"].max())
        assert np.all(grp["func_len"] == len(grp))
    above = [(t["ochiai"] > v).sum() for v in t["ochiai"]]
    np.testing.assert_array_equal(t["score_above"], above)
    assert t["prog_lines"].iloc[0] == 6 and t["prog_tests"].iloc[0] == 3
    assert t["prog_fail_frac"].iloc[0] == pytest.approx(1 / 3)
    # g calls f: f's lines see g's score as a call-graph neighbour and vice versa
    f_rows, g_rows = t["func"] == "m.py::f", t["func"] == "m.py::g"
    assert t.loc[f_rows, "cg_in"].iloc[0] == 1 and t.loc[g_rows, "cg_out"].iloc[0] == 1
    assert t.loc[f_rows, "cg_neigh_max"].iloc[0] == t.loc[g_rows, "func_score_max"].iloc[0]
    assert KINDS[t.loc[t["line"] == 2, "kind"].iloc[0]] == "if"


def test_spectrum_keeps_its_sources_through_save_and_load(tmp_path):
    s = _spectrum_with_failures()
    s.save(tmp_path / "s.npz")
    back = Spectrum.load(tmp_path / "s.npz")
    assert back.sources == s.sources
    np.testing.assert_array_equal(line_table(back)["tb_count"], line_table(s)["tb_count"])


def test_a_spectrum_without_sources_still_gives_a_table():
    s = make_spectrum([[1, 0], [0, 1]], ["failed", "passed"])
    t = line_table(s)
    assert len(t) == 2 and (t["kind"] == 0).all() and (t["func"] == "m.py::<module>").all()
