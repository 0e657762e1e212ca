"""Listwise (discriminative) training: the objective against brute-force enumeration, its gradient against
finite differences, and what training does to a model."""

import numpy as np
import pytest
from helpers import synthetic_dataset
from test_rspn_inference import brute_joint, random_design, random_model

from tflm.model import TFLM
from tflm.rspn.discriminative import ListwiseProblem
from tflm.rspn.inference import ground
from tflm.rspn.io import load_rspn
from tflm.rspn.leaves import Leaf
from tflm.rspn.listwise import listwise
from tflm.rspn.nodes import Sum, topological, validate
from tflm.rspn.schema import DEFAULT_SCHEMA, LABEL, design

LABEL_INDEX = DEFAULT_SCHEMA.label_index


def _one_hot(n, i):
    return tuple(int(j == i) for j in range(n))


@pytest.mark.parametrize("seed", range(4))
def test_listwise_objective_matches_enumeration(seed):
    rng = np.random.default_rng(seed)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(2, 1), lines_per_func=3)
    prog_of_line = d.func_prog[d.line_func]
    faulty = np.zeros(len(d.line_x), dtype=bool)
    faulty[[1, 4, 7]] = True  # two faulty lines in program 0 (lines 0-5), one in program 1
    objective, _ = listwise(ground(model, d), faulty)
    for g in range(2):
        lines = np.flatnonzero(prog_of_line == g)
        joint = brute_joint(model, d, g)
        singles = [joint[_one_hot(len(lines), i)] for i in range(len(lines))]
        want = np.log(sum(s for s, f in zip(singles, faulty[lines], strict=True) if f)) - np.log(sum(singles))
        assert objective[g] == pytest.approx(want, rel=1e-9)


def test_programs_without_faulty_lines_are_left_out():
    rng = np.random.default_rng(7)
    model, d = random_model(rng), random_design(rng)
    faulty = np.zeros(len(d.line_x), dtype=bool)
    faulty[0] = True  # program 0 only
    objective, grad = listwise(ground(model, d), faulty)
    assert np.isfinite(objective[0]) and np.isnan(objective[1])
    assert not grad.line_ll[d.func_prog[d.line_func] == 1].any()


def _check_gradient(problem, theta, rng, n=40):
    loss, grad = problem(theta)
    assert np.isfinite(loss)
    picks = rng.choice(len(theta), size=min(n, len(theta)), replace=False)
    for i in picks:
        e = np.zeros_like(theta)
        e[i] = 1e-5
        numeric = (problem(theta + e)[0] - problem(theta - e)[0]) / 2e-5
        assert grad[i] == pytest.approx(numeric, rel=1e-4, abs=1e-8), i


def test_gradient_matches_finite_differences_on_every_leaf_type():
    # Bernoulli, Gaussian and Poisson leaves, attribute SPNs, two mixture levels with 2 × 2 paths
    rng = np.random.default_rng(3)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(2, 2, 1), lines_per_func=3)
    faulty = np.zeros(len(d.line_x), dtype=bool)
    faulty[[0, 7, 13]] = True
    problem = ListwiseProblem(model, d, faulty, l2=0.01, chunk=4)  # small chunks: the chunked path
    theta = problem.theta0 + rng.normal(scale=0.2, size=problem.theta0.shape)
    _check_gradient(problem, theta, rng, n=len(theta))


def test_gradient_matches_finite_differences_on_a_learned_model():
    # histograms, categoricals and learned sum nodes
    train = synthetic_dataset(40, seed=5)
    model = TFLM(objective="generative", min_instances=80, n_estimators=1).fit(train)
    d = design(train, model.rspn_.schema, with_label=True)
    problem = ListwiseProblem(model.rspn_, d, train[LABEL].to_numpy(), l2=1e-3, chunk=256)
    rng = np.random.default_rng(0)
    theta = problem.theta0 + rng.normal(scale=0.1, size=problem.theta0.shape)
    _check_gradient(problem, theta, rng, n=60)


def _mean_objective(model, table):
    d = design(table, model.rspn_.schema, with_label=False)
    objective, _ = listwise(ground(model.rspn_, d), table[LABEL].to_numpy())
    return float(np.nanmean(objective))


def _correlated(n_programs, seed):
    """Programs whose one weak spectrum-like signal is copied into five features: a naive (generative)
    factorisation counts it five times and under-weighs the other evidence; a listwise fit can undo that."""
    table = synthetic_dataset(n_programs, seed=seed)
    rng = np.random.default_rng(seed)
    signal = np.clip(rng.beta(2, 5, len(table)) + 0.12 * table[LABEL], 0, 1)
    for col in ("ochiai", "tarantula", "score_rel", "prog_rank", "func_rank"):
        table[col] = signal
    return table


def test_listwise_training_fixes_double_counting_and_keeps_a_valid_model(tmp_path):
    train, test = _correlated(200, 1), _correlated(80, 2)
    shape = {
        "min_instances": 1000,
        "branch_share": 1.0,
        "n_function_clusters": 1,
        "n_program_clusters": 1,
        "n_estimators": 1,
    }
    gen = TFLM(objective="generative", **shape).fit(train)
    lw = TFLM(objective="listwise", listwise_params="all", max_iter=30, **shape).fit(train)
    info = lw.fit_info_["listwise"][0]
    # ground() evaluates sums to within 2e-7 (compiled._logaddexp); training's objective is exact
    assert info["objective_start"] == pytest.approx(_mean_objective(gen, train), rel=1e-6)
    assert info["objective_end"] > info["objective_start"]
    # the held-out listwise log-likelihood improves by a wide margin (measured: -0.54 -> -0.16)
    assert _mean_objective(lw, test) > _mean_objective(gen, test) + 0.2
    for pc in lw.rspn_.components:
        for fc in pc.functions:
            validate(fc.lines)
    path = tmp_path / "m.npz"
    lw.save(path)
    load_rspn(path)  # the loader's checks (normalisation, positivity) hold after training
    np.testing.assert_array_equal(TFLM.load(path).predict_proba(test), lw.predict_proba(test))
    assert TFLM.load(path).get_params()["objective"] == "listwise"


def test_listwise_fit_is_deterministic_and_validates_parameters():
    train = synthetic_dataset(50, seed=4)
    shape = {"objective": "listwise", "min_instances": 100, "max_iter": 10, "n_estimators": 2}
    a, b = (TFLM(**shape).fit(train).predict_proba(train) for _ in range(2))
    np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="objective"):
        TFLM(objective="nope").fit(train)
    with pytest.raises(ValueError, match=r"l2 must be a number in \[0, inf\)"):
        TFLM(l2=-1.0).fit(train)
    with pytest.raises(ValueError, match="params"):
        TFLM(objective="listwise", listwise_params="leaves", max_iter=1).fit(train)


def test_weights_only_training_moves_only_the_mixing_parameters():
    train = synthetic_dataset(60, seed=9)
    gen = TFLM(objective="generative", min_instances=100, n_estimators=1).fit(train)
    lw = TFLM(
        objective="listwise", listwise_params="weights", min_instances=100, max_iter=15, n_estimators=1
    ).fit(train)
    assert lw.fit_info_["listwise"][0]["objective_end"] > lw.fit_info_["listwise"][0]["objective_start"]
    changed_sums = 0
    for pc_g, pc_l in zip(gen.rspn_.components, lw.rspn_.components, strict=True):
        for fc_g, fc_l in zip(pc_g.functions, pc_l.functions, strict=True):
            for a, b in zip(topological(fc_g.lines), topological(fc_l.lines), strict=True):
                if isinstance(a, Sum):
                    changed_sums += not np.allclose(a.weights, b.weights)
                elif isinstance(a, Leaf) and a.var != LABEL_INDEX:  # feature leaves stay generative
                    assert a.params().keys() == b.params().keys()
                    for key, value in a.params().items():
                        np.testing.assert_allclose(value, b.params()[key], rtol=1e-12)
    assert changed_sums > 0
