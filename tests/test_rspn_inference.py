"""Exact inference on grounded relational SPNs, checked against brute-force enumeration of every assignment
of the bug indicators (computed here straight from the template's definition, not through the engine)."""

import itertools

import numpy as np
import pytest

from tflm.rspn.inference import exp_series, ground, log_series, posterior, posterior_exactly
from tflm.rspn.leaves import Bernoulli, Gaussian, Poisson
from tflm.rspn.nodes import Product, Sum, log_likelihood
from tflm.rspn.relational import RSPN, FunctionComponent, ProgramComponent
from tflm.rspn.schema import Design, Schema, Var

SCHEMA = Schema(
    line=(Var("faulty", "bernoulli"), Var("x", "gaussian"), Var("k", "poisson")),
    function=(Var("fa", "gaussian"),),
    program=(Var("pa", "gaussian"),),
)


def random_line_spn(rng):
    def branch():
        return Product(
            [
                Bernoulli(0, rng.uniform(0.02, 0.98)),
                Gaussian(1, rng.normal(), rng.uniform(0.5, 2)),
                Poisson(2, 2.0),
            ]
        )

    w = rng.dirichlet([1, 1, 1])
    return Sum([branch(), branch(), branch()], w)


def random_model(rng, n_c=2, n_d=2) -> RSPN:
    comps = []
    for cw in rng.dirichlet(np.ones(n_c)):
        funcs = [
            FunctionComponent(float(v), Gaussian(0, rng.normal(), 1.0), random_line_spn(rng))
            for v in rng.dirichlet(np.ones(n_d))
        ]
        comps.append(ProgramComponent(float(cw), Gaussian(0, rng.normal(), 1.5), funcs))
    return RSPN(SCHEMA, comps)


def random_design(rng, funcs_per_prog=(2, 1), lines_per_func=2) -> Design:
    line_func, func_prog = [], []
    f = 0
    for g, nf in enumerate(funcs_per_prog):
        for _ in range(nf):
            line_func += [f] * lines_per_func
            func_prog.append(g)
            f += 1
    n = len(line_func)
    line_x = np.column_stack([np.full(n, np.nan), rng.normal(size=n), rng.integers(0, 4, n)])
    return Design(
        line_x=line_x,
        func_x=rng.normal(size=(f, 1)),
        prog_x=rng.normal(size=(len(funcs_per_prog), 1)),
        line_func=np.array(line_func),
        func_prog=np.array(func_prog),
        programs=[str(i) for i in range(len(funcs_per_prog))],
    )


def brute_joint(model: RSPN, d: Design, g: int) -> dict[tuple[int, ...], float]:
    """P(B assignment, x) for every assignment of program g's lines, from the template definition."""
    lines = np.flatnonzero(d.func_prog[d.line_func] == g)
    out = {}
    for bits in itertools.product((0, 1), repeat=len(lines)):
        b = dict(zip(lines, bits, strict=True))
        total = 0.0
        for pc in model.components:
            value = pc.weight * np.exp(log_likelihood(pc.attributes, d.prog_x[g : g + 1])[0])
            for f in np.flatnonzero(d.func_prog == g):
                fsum = 0.0
                for fc in pc.functions:
                    term = fc.weight * np.exp(log_likelihood(fc.attributes, d.func_x[f : f + 1])[0])
                    for line in np.flatnonzero(d.line_func == f):
                        row = d.line_x[line : line + 1].copy()
                        row[0, 0] = b[line]
                        term *= np.exp(log_likelihood(fc.lines, row)[0])
                    fsum += term
                value *= fsum
            total += value
        out[bits] = total
    return out


def brute_posterior(joint, lines_idx, n_lines_prog, evidence=None, k=None):
    keep = {
        bits: p
        for bits, p in joint.items()
        if (k is None or sum(bits) == k)
        and (evidence is None or all(np.isnan(e) or bits[i] == e for i, e in enumerate(evidence)))
    }
    z = sum(keep.values())
    post = [sum(p for bits, p in keep.items() if bits[i] == 1) / z for i in range(n_lines_prog)]
    return np.array(post), np.log(z)


@pytest.mark.parametrize("seed", range(5))
def test_marginals_and_likelihood_match_enumeration(seed):
    rng = np.random.default_rng(seed)
    model, d = random_model(rng), random_design(rng)
    g = ground(model, d)
    prob, log_z = posterior(g)
    for prog in range(2):
        lines = np.flatnonzero(d.func_prog[d.line_func] == prog)
        joint = brute_joint(model, d, prog)
        want, want_z = brute_posterior(joint, lines, len(lines))
        np.testing.assert_allclose(prob[lines], want, rtol=1e-9)
        assert log_z[prog] == pytest.approx(want_z, rel=1e-9)
        # the joint is a distribution over assignments: it sums to the evidence likelihood
        assert sum(joint.values()) == pytest.approx(np.exp(want_z), rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_conditionals_on_clean_and_buggy_evidence_match_enumeration(seed):
    rng = np.random.default_rng(100 + seed)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(2,), lines_per_func=3)
    evidence = np.full(6, np.nan)
    evidence[1] = 0
    evidence[4] = 1
    prob, log_z = posterior(ground(model, d), evidence)
    want, want_z = brute_posterior(brute_joint(model, d, 0), range(6), 6, evidence=evidence)
    np.testing.assert_allclose(prob, want, rtol=1e-9, atol=1e-15)
    assert log_z[0] == pytest.approx(want_z, rel=1e-9)


@pytest.mark.parametrize("k", [1, 2, 3])
@pytest.mark.parametrize("seed", range(4))
def test_exactly_k_matches_enumeration(seed, k):
    rng = np.random.default_rng(200 + seed)
    model, d = random_model(rng, n_c=2, n_d=3), random_design(rng, funcs_per_prog=(3, 2), lines_per_func=2)
    g = ground(model, d)
    prob, log_z = posterior_exactly(g, k)
    for prog in range(2):
        lines = np.flatnonzero(d.func_prog[d.line_func] == prog)
        want, want_z = brute_posterior(brute_joint(model, d, prog), lines, len(lines), k=k)
        np.testing.assert_allclose(prob[lines], want, rtol=1e-7, atol=1e-12)
        assert log_z[prog] == pytest.approx(want_z, rel=1e-9)
        # every assignment with k faulty lines counts k lines: posteriors sum to k
        assert prob[lines].sum() == pytest.approx(k, rel=1e-7)


def test_exactly_k_with_evidence_matches_enumeration():
    rng = np.random.default_rng(7)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(2,), lines_per_func=3)
    evidence = np.array([np.nan, 1, np.nan, 0, np.nan, np.nan])
    prob, _ = posterior_exactly(ground(model, d), 2, evidence)
    want, _ = brute_posterior(brute_joint(model, d, 0), range(6), 6, evidence=evidence, k=2)
    np.testing.assert_allclose(prob, want, rtol=1e-7, atol=1e-12)
    assert prob[np.isnan(evidence)].sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="marked buggy"):
        posterior_exactly(ground(model, d), 1, np.array([1, 1, np.nan, np.nan, np.nan, np.nan]))


def test_marking_the_top_line_clean_never_raises_it_and_renormalises_the_rest():
    rng = np.random.default_rng(11)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(3,), lines_per_func=3)
    g = ground(model, d)
    before, _ = posterior_exactly(g, 1)
    top = int(np.argmax(before))
    evidence = np.full(g.n_lines, np.nan)
    evidence[top] = 0
    after, _ = posterior_exactly(g, 1, evidence)
    assert after[top] == 0.0 <= before[top]
    rest = np.arange(g.n_lines) != top
    assert after[rest].sum() == pytest.approx(1.0)
    # under "exactly one", ruling a line out rescales the others by the same factor
    np.testing.assert_allclose(after[rest], before[rest] / (1 - before[top]), rtol=1e-9)


def test_grounding_many_programs_equals_grounding_each_alone():
    rng = np.random.default_rng(3)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(2, 3, 1))
    together, _ = posterior(ground(model, d))
    for prog in range(3):
        funcs = np.flatnonzero(d.func_prog == prog)
        lines = np.flatnonzero(np.isin(d.line_func, funcs))
        alone = Design(
            d.line_x[lines],
            d.func_x[funcs],
            d.prog_x[prog : prog + 1],
            np.searchsorted(funcs, d.line_func[lines]),
            np.zeros(len(funcs), dtype=int),
            ["p"],
        )
        np.testing.assert_allclose(posterior(ground(model, alone))[0], together[lines], rtol=1e-12)


def test_chunked_grounding_equals_one_pass():
    rng = np.random.default_rng(5)
    model, d = random_model(rng), random_design(rng, funcs_per_prog=(4, 4), lines_per_func=5)
    np.testing.assert_allclose(ground(model, d, chunk=3).line_ll, ground(model, d).line_ll, rtol=0, atol=0)


def test_power_series_log_and_exp_are_inverse():
    rng = np.random.default_rng(0)
    g = np.concatenate([[1.0], rng.uniform(0, 2, 5)])
    np.testing.assert_allclose(exp_series(log_series(g)), g, rtol=1e-12)
    # exp of the series of log(1 + t z) is 1 + t z
    t = 0.7
    s = np.array([0.0] + [(-1) ** (j + 1) * t**j / j for j in range(1, 6)])
    np.testing.assert_allclose(exp_series(s), [1, t, 0, 0, 0, 0], atol=1e-12)


def test_bad_evidence_is_refused():
    rng = np.random.default_rng(0)
    g = ground(random_model(rng), random_design(rng))
    with pytest.raises(ValueError, match="one entry per line"):
        posterior(g, np.zeros(3))
    with pytest.raises(ValueError, match="NaN"):
        posterior(g, np.full(g.n_lines, 0.5))
    with pytest.raises(ValueError, match="bugs must be an int"):
        posterior_exactly(g, 0)
    # a probability for every line, in [0, 1]
    assert np.all((posterior(g)[0] >= 0) & (posterior(g)[0] <= 1))
