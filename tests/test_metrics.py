"""Metrics against brute-force enumeration of tie orders, the design's sum formula, and hand-made cases."""

import itertools
from math import comb

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tflm.eval import GroundTruth, evaluate, evaluate_ranking, summarize
from tflm.eval.metrics import BugScore
from tflm.rank import Ranking


def brute_force(scores, faulty):
    """Enumerate every order consistent with the scores (NaN last) and average over them."""
    key = [(-np.inf if np.isnan(s) else s) for s in scores]
    firsts, means = [], []
    for perm in itertools.permutations(range(len(scores))):
        ks = [key[i] for i in perm]
        if any(ks[i] < ks[i + 1] for i in range(len(ks) - 1)):
            continue
        pos = [r + 1 for r, i in enumerate(perm) if faulty[i]]
        firsts.append(min(pos))
        means.append(np.mean(pos))
    return np.mean(firsts), min(firsts), max(firsts), np.mean(means)


def design_formula(P, t, tf):
    """E = P + Σ_{k=1}^{t−t_f} k·C(t−k−1, t_f−1)/C(t, t_f) (docs/model.md#metrics)."""
    return P + sum(k * comb(t - k - 1, tf - 1) / comb(t, tf) for k in range(1, t - tf + 1))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 0.5, 1.0, float("nan")]), min_size=1, max_size=6).flatmap(
        lambda s: st.tuples(st.just(s), st.lists(st.booleans(), min_size=len(s), max_size=len(s)))
    )
)
def test_against_brute_force(case):
    scores, faulty = case
    if not any(faulty):
        faulty[0] = True
    r = evaluate(scores, faulty)
    exp_first, best, worst, mean_rank = brute_force(scores, faulty)
    assert r.first == pytest.approx(exp_first)
    assert (r.best, r.worst) == (best, worst)
    assert r.mean_rank == pytest.approx(mean_rank)


@pytest.mark.parametrize("t, tf", [(1, 1), (4, 1), (5, 2), (7, 3), (6, 6)])
def test_closed_form_matches_design_sum(t, tf):
    # One block of t tied lines starting at rank 3 (two better lines in front).
    scores = [2.0, 1.5] + [1.0] * t
    faulty = [False, False] + [True] * tf + [False] * (t - tf)
    assert evaluate(scores, faulty).first == pytest.approx(design_formula(3, t, tf))


def test_hand_example():
    # Ranks: 1 (0.9), then a block of three at 0.5 holding one faulty line, then 0.1.
    r = evaluate([0.9, 0.5, 0.5, 0.5, 0.1], [False, False, True, False, False])
    assert (r.best, r.first, r.worst) == (2.0, 3.0, 4.0)
    assert r.exam == pytest.approx(3 / 5)
    assert r.average_precision == pytest.approx(1 / 3)


def test_unranked_lines_form_the_last_block():
    r = evaluate([0.9, np.nan, np.nan, np.nan], [False, False, True, False])
    assert (r.best, r.first, r.worst) == (2.0, 3.0, 4.0)


def test_average_precision_without_ties():
    # Faulty at ranks 1 and 3: AP = (1/1 + 2/3) / 2.
    r = evaluate([4, 3, 2, 1], [True, False, True, False])
    assert r.average_precision == pytest.approx((1 + 2 / 3) / 2)
    assert r.mean_rank == pytest.approx(2.0)


def test_no_faulty_line_is_an_error():
    with pytest.raises(ValueError, match="no faulty line"):
        evaluate([1.0, 0.5], [False, False])


def test_summarize_top_n_exam_mfr_mar_map():
    rs = [
        BugScore(first=1, best=1, worst=1, mean_rank=1, average_precision=1.0, n_lines=10, n_faulty=1),
        BugScore(first=4, best=2, worst=6, mean_rank=5, average_precision=0.25, n_lines=20, n_faulty=2),
    ]
    s = summarize(rs)
    assert s["top1"] == 50.0 and s["top3"] == 50.0 and s["top5"] == 100.0
    assert s["top3_best"] == 100.0 and s["top5_worst"] == 50.0
    assert s["exam"] == pytest.approx((0.1 + 0.2) / 2)
    assert s["mfr"] == 2.5 and s["mar"] == 3.0 and s["map"] == pytest.approx(0.625)


def test_evaluate_ranking_missing_faulty_line_counts_as_unranked():
    ranking = Ranking.from_scores(["a.py", "a.py", "b.py"], [1, 2, 3], [0.9, 0.5, 0.1], "x")
    truth = GroundTruth([("a.py", 2), ("c.py", 7)])  # c.py:7 is not in the ranking at all
    r = evaluate_ranking(ranking, truth)
    assert r.n_lines == 4 and r.n_faulty == 2 and r.first == 2.0
    only_missing = evaluate_ranking(ranking, GroundTruth([("c.py", 7)]), n_lines=5)
    # Unranked block: the missing faulty line plus one other unranked line, after the three ranked ones.
    assert (only_missing.best, only_missing.first, only_missing.worst) == (4.0, 4.5, 5.0)


BUGGY = '''"""Module docstring."""


def area(w, h):
    """Docstring."""
    # a comment
    if w < 0:
        raise ValueError(
            "negative")
    return w * h


def other():
    x = 1
    return x
'''


def test_ground_truth_edit():
    fixed = BUGGY.replace("return w * h", "return w * h * 1")
    assert GroundTruth.from_fix("m.py", BUGGY, fixed).lines == {("m.py", 10)}


def test_ground_truth_multiline_statement_maps_to_first_line():
    fixed = BUGGY.replace('"negative")', '"negative width")')
    assert GroundTruth.from_fix("m.py", BUGGY, fixed).lines == {("m.py", 8)}


def test_ground_truth_comment_and_docstring_edits_never_count():
    fixed = BUGGY.replace("# a comment", "# another comment").replace('"""Docstring."""', '"""Doc."""')
    assert GroundTruth.from_fix("m.py", BUGGY, fixed).lines == frozenset()


def test_ground_truth_pure_insertion_marks_lines_before_and_after():
    # Inserting a statement between `x = 1` (14) and `return x` (15).
    fixed = BUGGY.replace("    x = 1\n", "    x = 1\n    x += 1\n")
    assert GroundTruth.from_fix("m.py", BUGGY, fixed).lines == {("m.py", 14), ("m.py", 15)}


def test_ground_truth_insertion_after_blank_lines_skips_them():
    # A guard inserted after the comment: the docstring and comment are not code, so the code line
    # before is `def area` (4) and the one after is `if w < 0` (7).
    fixed = BUGGY.replace("    # a comment\n", "    # a comment\n    assert h >= 0\n")
    assert GroundTruth.from_fix("m.py", BUGGY, fixed).lines == {("m.py", 4), ("m.py", 7)}


def test_ground_truth_deleted_line():
    fixed = BUGGY.replace("    x = 1\n", "")
    assert GroundTruth.from_fix("m.py", BUGGY, fixed).lines == {("m.py", 14)}


def test_ground_truth_ignores_comment_only_insertions_and_stray_strings():
    buggy = 'def f(x):\n    return x + 1\n\n"""\nA trailing note, as QuixBugs leaves them.\n"""\n'
    fixed = "def f(x):\n    # fixed: off by one\n    return x + 2\n    # return x + 3 also works\n"
    assert GroundTruth.from_fix("f.py", buggy, fixed).lines == {("f.py", 2)}


def test_ground_truth_code_replacing_a_blank_line_is_an_insertion():
    buggy = "def f(x):\n    y = x\n\n    return y\n"
    fixed = "def f(x):\n    y = x\n    y += 1\n    return y\n"
    assert GroundTruth.from_fix("f.py", buggy, fixed).lines == {("f.py", 2), ("f.py", 4)}
