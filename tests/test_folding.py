"""The inference plan of a compiled SPN (``tflm.rspn.folding``): leaves and the products made of them folded
into one sparse product, sums evaluated fast, an ensemble's members in one pass."""

import numpy as np
from helpers import mixed_data, synthetic_dataset

from tflm.model import TFLM
from tflm.rspn.compiled import CompiledSPN
from tflm.rspn.inference import ground, ground_all
from tflm.rspn.learn import LearnParams, learn_spn
from tflm.rspn.nodes import log_likelihood
from tflm.rspn.schema import design


def _spns(seed=5):
    data, vars_ = mixed_data(seed=seed)
    roots = [learn_spn(data, vars_, params=LearnParams(min_instances=m), split_first=0) for m in (150, 600)]
    # what inference meets: unobserved values of every kind, a category never seen, far-off numbers
    data[::4, 1] = np.nan
    data[1::5, 2] = np.nan
    data[2::6, 3] = np.nan
    data[3::7, 4] = np.nan
    data[5::9, 2] = 7.0
    data[6::9, 3] = 40.0
    data[7::9, 4] = 60.0
    return roots, data


def _node_by_node(roots, data):
    out = np.empty((len(data), len(roots), 2))
    for i, root in enumerate(roots):
        for state in (0, 1):
            rows = data.copy()
            rows[:, 0] = state
            out[:, i, state] = log_likelihood(root, rows)
    return out


def test_folded_evaluation_equals_node_by_node_and_fast_sums_stay_within_2e7():
    roots, data = _spns()
    spn = CompiledSPN(roots, state_var=0)
    want = _node_by_node(roots, data)
    np.testing.assert_allclose(spn.log_likelihood(data), want, rtol=1e-12)
    fast = spn.log_likelihood(data, fast=True)
    assert np.abs(fast - want).max() < 2e-7
    assert spn._fold.n_rows < spn.n_cols / 2  # most nodes were folded away


def test_the_fold_follows_parameters_that_training_replaces():
    roots, data = _spns(seed=6)
    spn = CompiledSPN(roots, state_var=0)
    before = spn.log_likelihood(data)
    hist = next(g for g in spn.groups if g.kind == "histogram")
    hist.theta = hist.theta[::-1].copy()
    gauss = next(g for g in spn.groups if g.kind == "gaussian")
    gauss.theta = gauss.theta * np.array([[1.5, 0.5]])
    lev = next(lev for lev in spn.levels if lev.kind == "sum")
    lev.log_w = lev.log_w[:, ::-1].copy()
    spn.consts = [(c, value - 1.0) for c, value in spn.consts]
    want = spn.values(data)[spn.roots].transpose(2, 0, 1)
    assert not np.allclose(want, before)
    np.testing.assert_allclose(spn.log_likelihood(data), want, rtol=1e-12)


def test_members_evaluated_together_equal_members_one_by_one():
    table = synthetic_dataset(80, seed=3)
    model = TFLM(min_instances=100, n_estimators=3, random_state=0).fit(table)
    d = design(table, model.members_[0].schema, with_label=False)
    together = ground_all(model.members_, d)
    for member, g in zip(model.members_, together, strict=True):
        np.testing.assert_allclose(g.line_ll, ground(member, d).line_ll, rtol=1e-12)
        assert g.line_ll.shape == (len(table), len(member.paths), 2)
