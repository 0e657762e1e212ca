"""SBFL formulas against numbers computed by hand (see the comments), including every 0/0 case."""

import numpy as np
import pytest
from helpers import make_spectrum

from tflm.features.sbfl import FORMULAS, RANKING_FORMULAS, sbfl_scores, score

# Two failing tests (f1, f2) and three passing (p1, p2, p3) over five lines:
#   A run by f1 f2            ef=2 ep=0 nf=0 np=3
#   B run by f1 p1            ef=1 ep=1 nf=1 np=2
#   C run by p1 p2 p3         ef=0 ep=3 nf=2 np=0
#   D run by nobody           ef=0 ep=0 nf=2 np=3
#   E run by everybody        ef=2 ep=3 nf=0 np=0
MATRIX = [
    [1, 1, 0, 0, 1],  # f1
    [1, 0, 0, 0, 1],  # f2
    [0, 1, 1, 0, 1],  # p1
    [0, 0, 1, 0, 1],  # p2
    [0, 0, 1, 0, 1],  # p3
]
OUTCOMES = ["failed", "error", "passed", "passed", "passed"]

EXPECTED = {
    # (ef/tf)/(ef/tf+ep/tp): A 1/(1+0); B .5/(.5+1/3); C 0/(0+1); D 0/0 -> 0; E 1/(1+1)
    "tarantula": [1.0, 0.6, 0.0, 0.0, 0.5],
    "tarantula_hue": [0.0, 0.4, 1.0, 1.0, 0.5],
    # ef/sqrt(tf(ef+ep)): A 2/sqrt(4); B 1/sqrt(4); C 0; D 0/0 -> 0; E 2/sqrt(10)
    "ochiai": [1.0, 0.5, 0.0, 0.0, 2 / np.sqrt(10)],
    # ef^2/(ep+nf): A 4/0 -> 2*4; B 1/2; C 0/5; D 0/2; E 4/3
    "dstar": [8.0, 0.5, 0.0, 0.0, 4 / 3],
    # ef - ep/(tp+1): A 2; B 1-1/4; C -3/4; D 0; E 2-3/4
    "op2": [2.0, 0.75, -0.75, 0.0, 1.25],
    # ef/(tf+ep): A 2/2; B 1/3; C 0/5; D 0/2; E 2/5
    "jaccard": [1.0, 1 / 3, 0.0, 0.0, 0.4],
    # ef(1+1/(2ep+ef)): A 2(1+1/2); B 1(1+1/3); C 0; D 0/0 -> 0; E 2(1+1/8)
    "gp13": [3.0, 4 / 3, 0.0, 0.0, 2.25],
    # 1-ep/(ep+ef): A 1; B 1/2; C 0; D 0/0 -> 0; E 1-3/5
    "barinel": [1.0, 0.5, 0.0, 0.0, 0.4],
}


def test_counts_from_coverage():
    c = make_spectrum(MATRIX, OUTCOMES).counts()
    assert c["ef"].tolist() == [2, 1, 0, 0, 2]
    assert c["ep"].tolist() == [0, 1, 3, 0, 3]
    assert c["nf"].tolist() == [0, 1, 2, 2, 0]
    assert c["np"].tolist() == [3, 2, 0, 3, 0]
    assert (int(c["tf"]), int(c["tp"])) == (2, 3)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_formula_values(name):
    got = score(make_spectrum(MATRIX, OUTCOMES), name)
    np.testing.assert_allclose(got, EXPECTED[name], rtol=1e-12)


def test_every_formula_is_checked():
    assert set(EXPECTED) == set(FORMULAS)


def test_skipped_and_xfailed_count_as_neither():
    # Adding a skipped and an xfailed test that run line C changes no count.
    matrix = MATRIX + [[0, 0, 1, 0, 0], [0, 0, 1, 0, 0]]
    s = make_spectrum(matrix, OUTCOMES + ["skipped", "xfailed"])
    np.testing.assert_allclose(score(s, "ochiai"), EXPECTED["ochiai"])


def test_no_failing_test_gives_zero_scores_not_nan():
    s = make_spectrum([[1, 0], [1, 1]], ["passed", "passed"])
    for name, values in sbfl_scores(s).items():
        assert np.isfinite(values).all(), name
    for name in ("tarantula", "ochiai", "dstar", "jaccard", "gp13", "barinel"):
        assert score(s, name).tolist() == [0.0, 0.0], name
    assert score(s, "op2").tolist() == [-2 / 3, -1 / 3]


def test_all_tests_failing():
    # tp = 0: a ratio over an empty total is 0, so Tarantula is 1 for every executed line.
    s = make_spectrum([[1, 0, 1], [1, 1, 0]], ["failed", "failed"])
    assert score(s, "tarantula").tolist() == [1.0, 1.0, 1.0]
    # Ochiai still separates the line both failing tests run: 2/sqrt(2*2) vs 1/sqrt(2*1).
    np.testing.assert_allclose(score(s, "ochiai"), [1.0, 1 / np.sqrt(2), 1 / np.sqrt(2)])
    # DStar: line 1 has ep+nf = 0 -> 2*ef^2 = 8; the others 1/(0+1).
    assert score(s, "dstar").tolist() == [8.0, 1.0, 1.0]


def test_empty_spectrum():
    s = make_spectrum(np.zeros((0, 3)), [])
    for values in sbfl_scores(s).values():
        assert values.shape == (3,) and np.isfinite(values).all()


def test_dstar_unbounded_case_outranks_everything():
    s = make_spectrum(MATRIX, OUTCOMES)
    d = score(s, "dstar")
    assert d[0] > d[1:].max()


def test_unknown_formula():
    with pytest.raises(ValueError, match="unknown formula"):
        score(make_spectrum(MATRIX, OUTCOMES), "nope")


def test_hue_is_not_a_ranking_formula():
    assert "tarantula_hue" not in RANKING_FORMULAS and "ochiai" in RANKING_FORMULAS
