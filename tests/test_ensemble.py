"""The ensemble TFLM: an equal-weight mixture of its members' conditionals P_m(B | x), queried exactly.

The oracle enumerates every assignment of a small program's bug indicators: each member's P_m(B = b | x)
comes from its full-evidence likelihood (itself checked against enumeration in test_inference), the mixture
averages them, and every query (marginals, clean/buggy evidence, exactly one) is a sum over assignments.
"""

import itertools
import json

import numpy as np
import pytest
from helpers import synthetic_dataset

from tflm import TflmError
from tflm.model import TFLM
from tflm.rspn.inference import ground, posterior
from tflm.rspn.leaves import Categorical
from tflm.rspn.nodes import topological
from tflm.rspn.schema import design


@pytest.fixture(scope="module")
def ensemble():
    # enough lines that the seeds matter (k-means starts, G-test samples): the members then differ
    return TFLM(min_instances=200, n_estimators=3, random_state=0).fit(synthetic_dataset(300, seed=5))


@pytest.fixture(scope="module")
def small_program():
    table = synthetic_dataset(1, seed=9)
    return table[table["func_id"] <= 1].head(8).reset_index(drop=True)


def _joint(est, table):
    """(assignments, P(B = b | x)) of the mixture, by enumerating every assignment for every member."""
    n = len(table)
    states = np.array(list(itertools.product([0.0, 1.0], repeat=n)))
    per_member = []
    for member in est.members_:
        g = ground(member, design(table, member.schema, with_label=False))
        log_x = posterior(g)[1][0]
        per_member.append([np.exp(posterior(g, b)[1][0] - log_x) for b in states])
    return states, np.mean(per_member, axis=0)


def test_members_differ_and_the_ensemble_is_their_mixture(ensemble, small_program):
    assert len(ensemble.members_) == 3 and ensemble.rspn_ is ensemble.members_[0]
    states, joint = _joint(ensemble, small_program)
    assert joint.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(ensemble.predict_proba(small_program), joint @ states, atol=1e-10)
    alone = np.array([_single(member).predict_proba(small_program) for member in ensemble.members_])
    assert not np.allclose(alone[0], alone[1])  # the seeds give different members
    np.testing.assert_allclose(ensemble.predict_proba(small_program), alone.mean(axis=0), atol=1e-12)


def test_evidence_reweights_members_exactly(ensemble, small_program):
    states, joint = _joint(ensemble, small_program)
    rows = list(zip(small_program["file"], small_program["line"], strict=True))
    p = ensemble.predict_proba(small_program)
    top = int(np.argmax(p))
    # a clean line: P(B_l | B_top = 0), by enumeration
    keep = states[:, top] == 0
    want = joint[keep] @ states[keep] / joint[keep].sum()
    got = ensemble.predict_proba(small_program, clean=[rows[top]])
    np.testing.assert_allclose(got, want, atol=1e-10)
    # a buggy line: the members are reweighted by P_m(B_top = 1 | x), so the answer is not the plain
    # average of the members' own conditionals
    keep = states[:, top] == 1
    want = joint[keep] @ states[keep] / joint[keep].sum()
    got = ensemble.predict_proba(small_program, buggy=[rows[top]])
    np.testing.assert_allclose(got, want, atol=1e-10)
    singles = [_single(m).predict_proba(small_program, buggy=[rows[top]]) for m in ensemble.members_]
    assert not np.allclose(got, np.mean(singles, axis=0), rtol=1e-3, atol=0)
    # exactly one faulty line, with and without a buggy mark elsewhere
    one = states.sum(axis=1) == 1
    want = joint[one] @ states[one] / joint[one].sum()
    np.testing.assert_allclose(ensemble.predict_proba(small_program, bugs=1), want, atol=1e-10)
    other = (top + 1) % len(rows)
    two = (states.sum(axis=1) == 2) & (states[:, other] == 1)
    want = joint[two] @ states[two] / joint[two].sum()
    got = ensemble.predict_proba(small_program, bugs=2, buggy=[rows[other]])
    np.testing.assert_allclose(got, want, atol=1e-10)


def test_ensemble_save_load_and_old_single_model_files(ensemble, small_program, tmp_path):
    path = tmp_path / "e.npz"
    ensemble.save(path)
    loaded = TFLM.load(path)
    assert loaded.n_estimators == 3 and len(loaded.members_) == 3
    np.testing.assert_array_equal(loaded.predict_proba(small_program), ensemble.predict_proba(small_program))
    # a version-1 file (one RSPN under "components", written before ensembles) still loads
    with np.load(path, allow_pickle=False) as z:
        header, params = json.loads(z["header"].tobytes()), z["params"]
    header.update(version=1, components=header.pop("members")[0])
    header["meta"]["params"].pop("n_estimators")
    header["meta"]["params"].pop("smoothing")
    v1 = tmp_path / "v1.npz"
    np.savez(v1, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), params=params)
    old = TFLM.load(v1)
    assert old.n_estimators == 1 and old.smoothing == 0.5
    np.testing.assert_allclose(
        old.predict_proba(small_program), _single(ensemble.members_[0]).predict_proba(small_program)
    )


def test_ensemble_parameters_are_checked(small_program):
    train = synthetic_dataset(30, seed=1)
    with pytest.raises(ValueError, match="n_estimators"):
        TFLM(n_estimators=0).fit(train)
    with pytest.raises(ValueError, match="smoothing"):
        TFLM(smoothing=0).fit(train)
    with pytest.raises(TflmError, match="not fitted"):
        TFLM().rspn_  # noqa: B018


def test_smoothing_moves_leaves_toward_uniform():
    train = synthetic_dataset(60, seed=2)
    kinds = []
    for s in (0.5, 50.0):
        model = TFLM(min_instances=10**6, n_estimators=1, smoothing=s, random_state=0).fit(train)
        nodes = topological(model.rspn_.components[0].functions[0].lines)
        kinds.append(min(float(n.probs.min()) for n in nodes if isinstance(n, Categorical)))
    assert kinds[1] > kinds[0]


def _single(member):
    est = TFLM(n_estimators=1)
    est.rspn_ = member
    return est


def test_fit_progress_runs_once_through_every_member():
    seen = []
    TFLM(min_instances=100, n_estimators=2).fit(
        synthetic_dataset(60, seed=3), progress=lambda *a: seen.append(a)
    )
    done = [d for d, _ in seen]
    assert done == sorted(done) and len({t for _, t in seen}) == 1
    assert done[-1] == seen[-1][1] and len(seen) > 2
