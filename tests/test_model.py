"""The TFLM estimator, its leaves and learner, its file format, and spflow as the oracle of our
log-likelihoods."""

import json
import re
import zipfile

import numpy as np
import pandas as pd
import pytest
import torch
from helpers import REPO, mixed_data, synthetic_dataset
from scipy import stats

from tflm.errors import DataError, InvalidParameterError, NotFittedError, TflmError
from tflm.model import TFLM
from tflm.rank import Ranking
from tflm.rspn.compiled import CompiledSPN
from tflm.rspn.io import load_rspn, write_model
from tflm.rspn.learn import LearnParams, learn_spn
from tflm.rspn.leaves import LEAF_TYPES, Bernoulli, Categorical, Gaussian, Histogram, LeafGroup, Poisson
from tflm.rspn.nodes import Product, Sum, log_likelihood, size, topological, validate
from tflm.rspn.schema import Var
from tflm.rspn.spflow_export import spflow_log_likelihood, to_spflow

torch.set_default_dtype(torch.float64)


@pytest.fixture(scope="module")
def fitted():
    train = synthetic_dataset(120, seed=1)
    return TFLM(min_instances=100, random_state=0).fit(train)


@pytest.fixture(scope="module")
def held_out():
    return synthetic_dataset(40, seed=2)


# ---- leaves ----------------------------------------------------------------------------------------------
def test_leaves_match_scipy_and_marginalise_nan():
    x = np.array([0, 1, 2, 3, 1, np.nan])
    seen = x[:-1]
    np.testing.assert_allclose(Bernoulli(0, 0.3).log_prob(np.array([0, 1.0]))[:2], np.log([0.7, 0.3]))
    np.testing.assert_allclose(Poisson(0, 1.7).log_prob(x)[:-1], stats.poisson.logpmf(seen, 1.7))
    np.testing.assert_allclose(Gaussian(0, 0.5, 2.0).log_prob(x)[:-1], stats.norm.logpdf(seen, 0.5, 2.0))
    probs = np.array([0.1, 0.2, 0.3, 0.4])
    np.testing.assert_allclose(Categorical(0, probs).log_prob(x)[:-1], np.log(probs[seen.astype(int)]))
    for leaf in (Bernoulli(0, 0.3), Poisson(0, 1.7), Gaussian(0, 0.5, 2.0), Categorical(0, probs)):
        assert leaf.log_prob(x)[-1] == 0.0


def test_histogram_fit_is_smoothed_and_integrates_to_one():
    var = Var("h", "histogram", bins=10)
    edges = var.edges
    h = Histogram.fit(0, np.array([0.05, 0.05, 0.95, 1.0]), var)
    assert np.sum(h.densities * np.diff(edges)) == pytest.approx(1.0)
    assert np.all(h.densities > 0)  # unseen bins keep some mass
    # 1.0 (the upper edge) and values beyond are clamped into the end bins
    assert h.log_prob(np.array([1.0]))[0] == h.log_prob(np.array([0.99]))[0] == h.log_prob(np.array([7.0]))[0]
    assert h.log_prob(np.array([0.05]))[0] > h.log_prob(np.array([0.5]))[0]


LEAF_SPECS = {
    "bernoulli": (Var("b", "bernoulli"), lambda rng, n: rng.random(n) < 0.3),
    "categorical": (Var("c", "categorical", n_values=5), lambda rng, n: rng.integers(0, 5, n)),
    "histogram": (Var("h", "histogram", lo=-1.0, hi=2.0, bins=7), lambda rng, n: rng.normal(0.5, 1.0, n)),
    "gaussian": (Var("g", "gaussian"), lambda rng, n: rng.normal(3.0, 2.0, n)),
    "poisson": (Var("p", "poisson"), lambda rng, n: rng.poisson(2.5, n)),
}


@pytest.mark.parametrize("kind", sorted(LEAF_TYPES))
def test_each_leaf_kind_keeps_its_protocol(kind):
    """What every kind owns agrees with itself: the group's log values are each leaf's, the free form and
    the stored parameters give the leaf back, and the fold's linear form (or the lookup) gives the values."""
    assert set(LEAF_SPECS) == set(LEAF_TYPES)  # a new kind adds its line here
    spec, draw = LEAF_SPECS[kind]
    cls = LEAF_TYPES[kind]
    rng = np.random.default_rng(0)
    a, b = (cls.fit(3, draw(rng, 200).astype(float), spec, 0.5) for _ in range(2))
    assert a.kind == kind and a.scope == {3} and a.mismatch(spec) is None
    x = np.append(draw(rng, 50).astype(float), [np.nan, -7.0, 99.0])
    group = LeafGroup.of([a, b])
    values = group.log_prob(x)
    np.testing.assert_array_equal(values, np.stack([a.log_prob(x), b.log_prob(x)]))
    assert np.all(values[:, -3] == 0.0) and np.all(np.isfinite(values))
    seen = np.where(np.isnan(x), 0.0, x)
    lookup = group.refreshed()
    if lookup is None:  # log value = a f + b g + c on the kind's two features
        coef, centre = cls.coefficients(group.theta)
        f, g = cls.features(seen, centre)
        linear = coef[:, :1] * f + coef[:, 1:2] * g + coef[:, 2:]
        np.testing.assert_allclose(linear[:, :-3], values[:, :-3], rtol=1e-10)
    t = np.stack([a.free(), b.free()])
    np.testing.assert_allclose(cls.from_free(t, group.support), group.theta, rtol=1e-12)
    copy = cls.from_params(
        3, lambda key, n: np.atleast_1d(np.asarray(a.params()[key], dtype=float)), "node 0"
    )
    copy.set_free(a.free())
    for key, value in a.params().items():
        np.testing.assert_allclose(copy.params()[key], value, rtol=1e-12)


def test_no_module_but_leaves_asks_for_a_leaf_kind():
    """The acceptance of the leaf protocol: no branch on a leaf kind outside ``tflm/rspn/leaves.py``."""
    names = "|".join(LEAF_TYPES)
    classes = "|".join(c.__name__ for c in LEAF_TYPES.values())
    branch = re.compile(
        rf"""kind\s*(==|!=|in|not in)\s*[(\[]?\s*["']({names})["']|isinstance\([^)]*\b({classes})\b"""
    )
    found = [
        f"{path.relative_to(REPO)}:{i}"
        for path in sorted((REPO / "tflm").rglob("*.py"))
        if path != REPO / "tflm" / "rspn" / "leaves.py"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if branch.search(line)
    ]
    assert not found


# ---- learner and compiled evaluation -------------------------------------------------------------------
def test_learned_spn_is_valid_deterministic_and_normalised():
    data, vars_ = mixed_data()
    a = learn_spn(data, vars_, params=LearnParams(min_instances=200), split_first=0)
    b = learn_spn(data, vars_, params=LearnParams(min_instances=200), split_first=0)
    validate(a)
    np.testing.assert_array_equal(log_likelihood(a, data), log_likelihood(b, data))
    # Marginalising everything but the label gives a distribution over it: P(0) + P(1) = 1
    rows = np.full((2, 5), np.nan)
    rows[:, 0] = [0, 1]
    assert np.exp(log_likelihood(a, rows)).sum() == pytest.approx(1.0)
    # and the label depends on the features: it was not split off as an independent leaf
    hi, lo = data.copy()[:1], data.copy()[:1]
    hi[0, 1:], lo[0, 1:] = [0.95, 0, 2.5, 2], [0.05, 0, -1.5, 2]
    post = [
        np.exp(log_likelihood(a, np.c_[[1.0], r[:, 1:]]) - log_likelihood(a, np.c_[[np.nan], r[:, 1:]]))
        for r in (hi, lo)
    ]
    assert post[0] > 5 * post[1]


def test_branch_share_gives_the_rare_label_branch_structure():
    data, vars_ = mixed_data(n=6000)
    # inside the faulty rows, x and g share a hidden cause: there is structure to find
    rng = np.random.default_rng(1)
    bug = data[:, 0] == 1
    z = rng.random(bug.sum()) < 0.5
    data[bug, 1] = np.clip(0.2 + 0.6 * z + rng.normal(0, 0.05, bug.sum()), 0, 0.999)
    data[bug, 3] = 3 * z + rng.normal(0, 0.3, bug.sum())
    naive = learn_spn(data, vars_, params=LearnParams(min_instances=1000), split_first=0)
    shared = learn_spn(data, vars_, params=LearnParams(min_instances=1000, branch_share=0.1), split_first=0)
    # the faulty branch (label 1, ~10 % of rows) is below min_instances: naively factorised...
    rare = naive.children[1]
    assert isinstance(rare, Product) and all(not isinstance(c, Sum | Product) for c in rare.children)
    # ...unless clusters are capped relative to the branch, which lets it split further
    assert any(isinstance(n, Sum) for n in topological(shared.children[1]))
    validate(shared)


def test_compiled_evaluation_equals_node_by_node():
    data, vars_ = mixed_data(seed=3)
    roots = [learn_spn(data, vars_, params=LearnParams(min_instances=m), split_first=0) for m in (150, 400)]
    data[::4, 3] = np.nan
    out = CompiledSPN(roots, state_var=0).log_likelihood(data)
    for i, root in enumerate(roots):
        for state in (0, 1):
            rows = data.copy()
            rows[:, 0] = state
            np.testing.assert_allclose(out[:, i, state], log_likelihood(root, rows), rtol=1e-12)


# ---- spflow is the oracle ------------------------------------------------------------------------------
def test_hand_built_spn_equals_spflow():
    root = Sum(
        [
            Product([Bernoulli(0, 0.2), Gaussian(1, 1.0, 2.0), Categorical(2, np.array([0.1, 0.6, 0.3]))]),
            Product([Bernoulli(0, 0.7), Gaussian(1, -1.0, 0.5), Categorical(2, np.array([0.5, 0.25, 0.25]))]),
        ],
        np.array([0.3, 0.7]),
    )
    x = np.array([[0, 0.5, 2], [1, -1.2, 0], [1, np.nan, 1], [np.nan, 0.3, np.nan], [np.nan] * 3])
    theirs = spflow_log_likelihood(to_spflow(root), x)
    np.testing.assert_allclose(log_likelihood(root, x), theirs, atol=1e-6, rtol=0)
    # and against a hand computation of the first row
    want = np.log(
        0.3 * 0.8 * stats.norm.pdf(0.5, 1, 2) * 0.3 + 0.7 * 0.3 * stats.norm.pdf(0.5, -1, 0.5) * 0.25
    )
    assert log_likelihood(root, x[:1])[0] == pytest.approx(want, rel=1e-12)


def test_learned_spns_equal_spflow(fitted, held_out):
    data, vars_ = mixed_data(seed=5)
    data[::3, 2] = np.nan
    root = learn_spn(data, vars_, params=LearnParams(min_instances=100), split_first=0)
    np.testing.assert_allclose(
        log_likelihood(root, data), spflow_log_likelihood(to_spflow(root), data), atol=1e-6
    )
    # every line SPN of a fitted TFLM, on real-shaped rows (label unknown and known)
    from tflm.rspn.schema import design

    d = design(held_out, fitted.schema_, with_label=True)
    for c, k in fitted.rspn_.paths:
        lines = fitted.rspn_.components[c].functions[k].lines
        rows = d.line_x[:300].copy()
        rows[::2, fitted.schema_.label_index] = np.nan
        exported = fitted.to_spflow((c, k))
        np.testing.assert_allclose(
            log_likelihood(lines, rows), spflow_log_likelihood(exported, rows), atol=1e-6
        )


# ---- the estimator -------------------------------------------------------------------------------------
def _top1(table, prob):
    hits = []
    for _, g in table.assign(p=prob).groupby("bug"):
        hits.append(bool(g["faulty"].to_numpy()[np.argmax(g["p"].to_numpy())]))
    return np.mean(hits)


def test_fit_learns_something_and_beats_chance(fitted, held_out):
    prob = fitted.predict_proba(held_out)
    assert prob.shape == (len(held_out),) and np.all((prob >= 0) & (prob <= 1))
    chance = held_out.groupby("bug").size().rdiv(1).mean()
    assert _top1(held_out, prob) > 3 * chance
    assert fitted.fit_info_["programs"] == 120 and fitted.fit_info_["faulty_lines"] == 120


def test_exactly_one_sums_to_one_per_program_and_feedback_renormalises(fitted, held_out):
    one = held_out[held_out["bug"] == "prog3"].reset_index(drop=True)
    p = fitted.predict_proba(one, bugs=1)
    assert p.sum() == pytest.approx(1.0)
    top = int(np.argmax(p))
    clean = [(one.loc[top, "file"], int(one.loc[top, "line"]))]
    after = fitted.predict_proba(one, bugs=1, clean=clean)
    assert after[top] == 0.0 and after.sum() == pytest.approx(1.0)
    rest = np.arange(len(one)) != top
    np.testing.assert_allclose(after[rest], p[rest] / (1 - p[top]), rtol=1e-9)
    # without the count constraint, marking the top line clean never raises it either, and others move
    free = fitted.predict_proba(one)
    free_after = fitted.predict_proba(one, clean=clean)
    assert free_after[top] == 0.0 <= free[top]
    assert not np.allclose(free_after[rest], free[rest])
    # many programs at once: each sums to 1
    sums = pd.Series(fitted.predict_proba(held_out, bugs=1)).groupby(held_out["bug"]).sum()
    np.testing.assert_allclose(sums, 1.0, rtol=1e-9)


def test_in_function_conditions_on_at_least_one_bug_there(fitted, held_out):
    one = held_out[held_out["bug"] == "prog5"].reset_index(drop=True)
    fname = one["func"].iloc[0]
    p = fitted.predict_proba(one, in_function=fname)
    inside = (one["func"] == fname).to_numpy()
    assert np.all(p[~inside] == 0)
    # P(at least one faulty inside) = 1 under the condition, so the expected count inside is at least 1
    assert p[inside].sum() >= 1.0 - 1e-9
    p1 = fitted.predict_proba(one, in_function=fname.split("::")[1], bugs=1)
    assert p1[inside].sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="no function"):
        fitted.predict_proba(one, in_function="nope")


def test_rank_and_bad_queries(fitted, held_out):
    one = held_out[held_out["bug"] == "prog1"].reset_index(drop=True)
    ranked = fitted.rank(one)
    assert isinstance(ranked, Ranking) and ranked.method == "tflm" and len(ranked) == len(one)
    np.testing.assert_allclose(np.sort(ranked.scores)[::-1], ranked.scores)
    assert ranked.ranks[0] == 1
    assert list(ranked.to_frame().columns) == ["file", "line", "score", "rank"]
    # lines given as feedback are decided: out of the ranking, and the rest re-scored
    first = (str(ranked.files[0]), int(ranked.lines[0]))
    after = fitted.rank(one, clean=[first], bugs=1)
    assert len(after) == len(one) - 1 and first not in set(zip(after.files, after.lines, strict=True))
    want = fitted.predict_proba(one, clean=[first], bugs=1)
    keep = ~((one["file"] == first[0]) & (one["line"] == first[1])).to_numpy()
    np.testing.assert_allclose(np.sort(after.scores), np.sort(want[keep]))
    with pytest.raises(DataError, match="not an executable line"):
        fitted.predict_proba(one, clean=[("m.py", 9999)])
    for bad in (0, 9, 1.5, True, "1"):
        with pytest.raises(InvalidParameterError, match=r"bugs must be an int in \[1, 8\]"):
            fitted.predict_proba(one, bugs=bad)
    with pytest.raises(TflmError, match="no column"):
        fitted.predict_proba(one.drop(columns=["ochiai"]))
    with pytest.raises(NotFittedError, match="not fitted"):
        TFLM().predict_proba(one)


def test_errors_are_also_the_builtins_callers_catch():
    # One hierarchy: every error is a TflmError (the CLI's exit 2), and also what Python code expects.
    assert issubclass(InvalidParameterError, ValueError) and issubclass(InvalidParameterError, TypeError)
    assert issubclass(DataError, ValueError)
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    assert all(issubclass(e, TflmError) for e in (InvalidParameterError, DataError, NotFittedError))


def test_params_and_deterministic_fit():
    train = synthetic_dataset(60, seed=4)
    a = TFLM(min_instances=80, random_state=3).fit(train)
    b = TFLM(**a.get_params()).fit(train)
    np.testing.assert_array_equal(a.predict_proba(train), b.predict_proba(train))
    assert a.set_params(alpha=0.01).alpha == 0.01
    with pytest.raises(InvalidParameterError, match="invalid parameter"):
        a.set_params(bogus=1)
    assert "min_instances=80" in repr(a)
    assert set(a.get_params()) == set(TFLM.parameter_constraints)


def test_constructor_parameters_are_keyword_only():
    with pytest.raises(TypeError, match="positional"):
        TFLM(2, 3)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("n_estimators", 2.7, r"n_estimators must be an int in \[1, inf\); got 2.7"),  # int() truncated it
        ("n_estimators", 2.0, "n_estimators must be an int"),
        ("min_instances", True, "min_instances must be an int"),
        ("max_depth", 0, "max_depth must be an int in"),
        ("alpha", 1.0, r"alpha must be a number in \(0, 1\)"),
        ("smoothing", float("nan"), "smoothing must be a number"),
        ("branch_share", 0, r"branch_share must be a number in \(0, 1\]"),
        ("objective", "ranking", "objective must be one of 'generative', 'listwise'"),
        ("listwise_programs", 0, "listwise_programs must be an int in .* or None"),
        ("schema", "line", "schema must be a Schema or None"),
    ],
)
def test_parameters_are_checked_by_fit(param, value, message):
    model = TFLM(**{param: value})  # stored as given, as in scikit-learn
    assert getattr(model, param) is value
    with pytest.raises(InvalidParameterError, match=message):
        model.fit(synthetic_dataset(8, seed=1))


def test_numpy_integers_and_none_are_accepted():
    data = synthetic_dataset(40, seed=2)
    model = TFLM(min_instances=np.int64(80), n_estimators=np.int32(1), listwise_programs=None).fit(data)
    assert model.predict_proba(data).shape == (len(data),)


# ---- the file format -----------------------------------------------------------------------------------
def test_save_load_gives_identical_posteriors(fitted, held_out, tmp_path):
    path = tmp_path / "m.npz"
    fitted.save(path)
    loaded = TFLM.load(path)
    np.testing.assert_array_equal(loaded.predict_proba(held_out), fitted.predict_proba(held_out))
    np.testing.assert_array_equal(
        loaded.predict_proba(held_out, bugs=1), fitted.predict_proba(held_out, bugs=1)
    )
    assert loaded.get_params()["min_instances"] == 100
    assert size(loaded.rspn_.components[0].functions[0].lines) == size(
        fitted.rspn_.components[0].functions[0].lines
    )


def test_loads_are_cached_while_the_file_is_unchanged(fitted, held_out, tmp_path):
    path = tmp_path / "m.npz"
    fitted.save(path)
    a, b = TFLM.load(path), TFLM.load(path)
    assert a is not b and a.members_[0] is b.members_[0]  # parsed once, shared read-only
    a.fit_info_["note"] = "mine"
    assert "note" not in TFLM.load(path).fit_info_
    # A different model written over the same path is read afresh.
    other = TFLM(min_instances=100, n_estimators=1, random_state=9).fit(synthetic_dataset(60, seed=9))
    other.save(path)
    c = TFLM.load(path)
    assert c.members_[0] is not a.members_[0] and len(c.members_) == 1
    np.testing.assert_array_equal(c.predict_proba(held_out), other.predict_proba(held_out))


def _rewrite(path, out, edit_header=None, edit_params=None):
    with np.load(path, allow_pickle=False) as z:
        header, params = json.loads(z["header"].tobytes()), z["params"].copy()
    if edit_header:
        edit_header(header)
    if edit_params:
        edit_params(params)
    np.savez(out, header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), params=params)
    return out


def _first(header, kind):
    return next(n for n in header["nodes"] if n["type"] == kind)


TAMPERS = {
    "version": (lambda h: h.update(version=99), None, "version 99"),
    "format": (lambda h: h.update(format="other"), None, "not a tflm model"),
    "forward child": (lambda h: _first(h, "sum")["children"].__setitem__(0, 10**6), None, "earlier nodes"),
    "unknown node": (lambda h: h["nodes"][0].update(type="evil"), None, "unknown node type"),
    "offset": (lambda h: _first(h, "gaussian").update(mean=[10**9, 1]), None, "out of range"),
    "wrong kind": (
        lambda h: _first(h, "poisson").update(type="gaussian", mean=[0, 1], std=[0, 1]),
        None,
        "schema",
    ),
    "negative parameters": (None, lambda p: p.__setitem__(slice(None), -1.0), "not a valid tflm model"),
    "nan": (None, lambda p: p.__setitem__(0, np.nan), "finite"),
    "component weight": (lambda h: h["members"][0][0].update(weight=7), None, "weight"),
    "no members": (lambda h: h.update(members=[]), None, "members"),
    "schema": (lambda h: h["schema"]["line"].pop(0), None, "label"),
}


@pytest.mark.parametrize("case", sorted(TAMPERS))
def test_tampered_model_files_give_clear_errors(fitted, tmp_path, case):
    good = tmp_path / "good.npz"
    fitted.save(good)
    edit_header, edit_params, message = TAMPERS[case]
    bad = _rewrite(good, tmp_path / "bad.npz", edit_header, edit_params)
    with pytest.raises(TflmError, match=message):
        TFLM.load(bad)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ([1, 2], "meta.params must be an object"),
        ({"min_instances": 2.5}, r"bad model parameters \(min_instances must be an int"),
        ({"objective": "magic"}, "bad model parameters .*objective must be one of"),
    ],
)
def test_model_parameters_in_the_file_are_checked(fitted, tmp_path, params, message):
    # A file with a valid digest (written by a tool, not damaged) may still carry parameters no fit could.
    good = tmp_path / "good.npz"
    fitted.save(good)
    with np.load(good, allow_pickle=False) as z:
        header, arr = json.loads(z["header"].tobytes()), z["params"].copy()
    header["meta"]["params"] = params if isinstance(params, list) else header["meta"]["params"] | params
    write_model(tmp_path / "bad.npz", header, arr)
    with pytest.raises(TflmError, match=message):
        TFLM.load(tmp_path / "bad.npz")


def test_truncated_garbage_and_pickled_files_give_clear_errors(fitted, tmp_path):
    good = tmp_path / "good.npz"
    fitted.save(good)
    data = good.read_bytes()
    for i, blob in enumerate([data[: len(data) // 2], b"", b"\x00garbage" * 50]):
        (tmp_path / f"b{i}.npz").write_bytes(blob)
        with pytest.raises(TflmError, match="not a valid tflm model"):
            TFLM.load(tmp_path / f"b{i}.npz")
    # an object array would need pickle to load: refused, never executed
    np.savez(tmp_path / "obj.npz", header=np.array([{"a": 1}], dtype=object), params=np.zeros(1))
    with pytest.raises(TflmError, match="not a valid tflm model"):
        load_rspn(tmp_path / "obj.npz")
    with zipfile.ZipFile(tmp_path / "extra.npz", "w") as z:
        z.writestr("header.npy", b"not numpy")
    with pytest.raises(TflmError):
        TFLM.load(tmp_path / "extra.npz")
    with pytest.raises(TflmError, match="no such model"):
        TFLM.load(tmp_path / "missing.npz")
