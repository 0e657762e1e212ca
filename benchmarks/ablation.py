"""Ablation: what each modelling choice of the TFLM buys, on the native CV folds and zero-shot on real bugs.

The model-selection runs behind the "what we measured" list of benchmarks/README.md, as one script. Each
variant is the shipped ``TFLM()`` with one thing changed; every variant is fitted on the same training bugs
and scores the same test bugs (single-fault bugs of the chosen native folds, grouped by base program as in
``accuracy.py``; and, with ``--test-dataset``, every bug of a real-bug corpus, one fit per seed).

Variants:

- ``shipped``: ``TFLM()``, an ensemble of three generative RSPNs;
- ``single``: one member (``n_estimators=1``);
- ``flat``: the same ensemble over one flat class (no functions, no programs): the relational structure's
  ablation;
- ``smoothing-0.5``: Laplace-like leaf smoothing instead of 5;
- ``min-instances-5000``: finer clusters;
- ``no-static``: without the static (syntax) features;
- ``lean-spectrum``: without the spectrum features that restate Ochiai (Tarantula, program rank, lines above);
- ``covered-only``: trained and queried on the lines some failing test runs (a quarter of the native lines,
  so with a quarter of the cluster size, 5,000); the others rank last;
- ``gbt`` and ``gbt-leaves``: LightGBM (300 trees) on the line features, and a conditional-leaf hybrid in
  which each line's label odds under every mixture path are the boosted trees' logit plus the RSPN's
  deviation for that path. It asks whether the relational mixture adds to line leaves as strong as the
  best per-line classifier.

Usage::

    python benchmarks/ablation.py --dataset data/native --folds 0,1,2 \\
        --test-dataset data/quixbugs --seeds 0,1,2,3
    python benchmarks/ablation.py --quick      # a small subset, for CI

Outputs ``ablation.md`` and ``ablation.csv`` in ``--out`` (default ``benchmarks/results``; with ``--quick``,
the untracked ``benchmarks/.cache/quick-results``). ``--quick`` runs the chosen variants on fold 0 of 2 of
``accuracy.py``'s quick subset, one seed, with its cluster size and LightGBM thread count
(``accuracy.QUICK``).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from accuracy import (
    BOOST,
    FLAT_SCHEMA,
    QUICK,
    QUICK_OUT,
    REPO,
    RESULTS,
    features,
    load,
    program_sizes,
    quick_dataset,
)
from scipy.special import log_expit

from tflm.eval.metrics import evaluate, summarize
from tflm.model import TFLM
from tflm.rspn.inference import ground, posterior
from tflm.rspn.schema import DEFAULT_SCHEMA, Schema, design

Scorer = Callable[[pd.DataFrame], np.ndarray]
STATIC = {"kind", "depth", "n_nodes"} | {v.name for v in DEFAULT_SCHEMA.line if v.name.startswith("has_")}
LEAN = {"tarantula", "prog_rank", "score_above"}


def without(names: set[str]) -> Schema:
    """The default schema less the named variables."""
    classes = (DEFAULT_SCHEMA.line, DEFAULT_SCHEMA.function, DEFAULT_SCHEMA.program)
    return Schema(*(tuple(v for v in vars_ if v.name not in names) for vars_ in classes))


def boosted(train: pd.DataFrame, seed: int, quick: bool = False) -> Any:
    """LightGBM's pointwise classifier with the accuracy benchmark's tree budget (quick: its thread count)."""
    from lightgbm import LGBMClassifier

    y = train["faulty"].to_numpy().astype(int)
    jobs = {"n_jobs": QUICK["boost_jobs"]} if quick else {}
    return LGBMClassifier(**{**BOOST, **jobs}, random_state=seed).fit(features(train), y)


def gbt_leaves(model: TFLM, gbt: Any, table: pd.DataFrame, tilt: float = 0.3) -> np.ndarray:
    """P(bug) under the ensemble with every line's label leaf replaced by a conditional one.

    Per member and path p, the line keeps the RSPN's density of its features, log P(x_l | p), and gets
    label odds s_l + tilt · (o_lp − mean_p o_lp): the boosted trees' logit s_l, plus how much the RSPN's
    own log-odds o_lp under path p differ from the line's average over paths. That is still one exact
    joint model per member; only the label leaves changed.
    """
    s = gbt.predict(features(table), raw_score=True)
    d = design(table, model.members_[0].schema, with_label=False)
    total = np.zeros(len(table))
    for member in model.members_:
        g = ground(member, d)
        log_x = np.logaddexp(g.line_ll[..., 0], g.line_ll[..., 1])
        odds = g.line_ll[..., 1] - g.line_ll[..., 0]
        t = s[:, None] + tilt * (odds - odds.mean(axis=1, keepdims=True))
        g.line_ll = np.stack([log_x + log_expit(-t), log_x + log_expit(t)], axis=-1)
        total += posterior(g)[0]
    return total / len(model.members_)


def fit_variant(name: str, train: pd.DataFrame, seed: int, quick: bool) -> Scorer:
    size = {"min_instances": QUICK["min_instances"]} if quick else {}

    def tflm(data: pd.DataFrame = train, **kw: Any) -> TFLM:
        # quick mode's small clusters override every variant's size
        return TFLM(random_state=seed, **{**kw, **size}).fit(data)

    if name == "gbt":
        gbt = boosted(train, seed, quick)
        return lambda t: gbt.predict(features(t), raw_score=True)
    if name == "gbt-leaves":
        gbt, model = boosted(train, seed, quick), tflm()
        return lambda t: gbt_leaves(model, gbt, t)
    if name == "covered-only":
        # A quarter of the lines (native), so a quarter of the cluster size: the same granularity.
        model = tflm(train[train["ef"] > 0], min_instances=5000)

        def covered(t: pd.DataFrame) -> np.ndarray:
            cov = (t["ef"] > 0).to_numpy()
            out = np.full(len(t), -1.0)
            if cov.any():
                out[cov] = model.predict_proba(t[cov])
            return out

        return covered
    kw = {
        "shipped": {},
        "single": {"n_estimators": 1},
        "flat": {"schema": FLAT_SCHEMA, "n_program_clusters": 1, "n_function_clusters": 1},
        "smoothing-0.5": {"smoothing": 0.5},
        "min-instances-5000": {"min_instances": 5000},
        "no-static": {"schema": without(STATIC)},
        "lean-spectrum": {"schema": without(LEAN)},
    }[name]
    model = tflm(**kw)
    return model.predict_proba


VARIANTS = (
    "shipped",
    "single",
    "flat",
    "smoothing-0.5",
    "min-instances-5000",
    "no-static",
    "lean-spectrum",
    "covered-only",
    "gbt",
    "gbt-leaves",
)


def score(test: pd.DataFrame, scores: np.ndarray) -> dict[str, float]:
    """Top-N % and EXAM over the single-fault bugs of ``test`` (programs are contiguous)."""
    sizes = program_sizes(test)
    ends = np.cumsum(sizes)
    faulty, kind = test["faulty"].to_numpy(dtype=bool), test["bug_kind"].to_numpy()
    bugs = [
        evaluate(scores[lo:hi], faulty[lo:hi])
        for lo, hi in zip(ends - sizes, ends, strict=True)
        if kind[lo] == "single" and faulty[lo:hi].any()
    ]
    s = summarize(bugs)
    return {**{k: s[k] for k in ("top1", "top3", "top5", "top10", "exam")}, "bugs": len(bugs)}


def table(rows: pd.DataFrame, setting: str) -> str:
    part = rows[rows["setting"] == setting]
    g = part.groupby("variant", sort=False)
    agg = g[["top1", "top3", "top5", "top10", "exam"]].mean()
    agg["top1_lo"], agg["top1_hi"] = g["top1"].min(), g["top1"].max()
    agg["seconds"] = g["seconds"].mean()
    lines = [
        "| variant | Top-1 % (min–max) | Top-3 % | Top-5 % | Top-10 % | EXAM | fit + score s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, r in agg.iterrows():
        lines.append(
            f"| {name} | {r.top1:.1f} ({r.top1_lo:.1f}–{r.top1_hi:.1f}) | {r.top3:.1f} | {r.top5:.1f} | "
            f"{r.top10:.1f} | {r.exam:.3f} | {r.seconds:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=REPO / "data" / "native")
    ap.add_argument("--folds", default="0,1,2", help="native CV folds to run (of 5, grouped by base)")
    ap.add_argument("--test-dataset", type=Path, help="also train on all of --dataset and test on this")
    ap.add_argument("--seeds", default="0,1,2,3", help="seeds of the zero-shot fits")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument(
        "--out",
        type=Path,
        help=f"default {RESULTS.relative_to(REPO)}; with --quick {QUICK_OUT.relative_to(REPO)}",
    )
    ap.add_argument("--quick", action="store_true", help="small subset, 2 folds, one seed (CI)")
    args = ap.parse_args()
    t0 = time.perf_counter()
    names = args.variants.split(",")
    if unknown := set(names) - set(VARIANTS):
        ap.error(f"unknown variants: {sorted(unknown)}; choose from {', '.join(VARIANTS)}")
    n_folds = 5
    if args.quick:
        args.dataset, n_folds, args.folds, args.seeds = quick_dataset(), QUICK["folds"], "0", "0"
    if args.out is None:
        args.out = QUICK_OUT if args.quick else RESULTS
    data = load(args.dataset)

    from sklearn.model_selection import GroupKFold

    folds = list(GroupKFold(n_splits=n_folds).split(data, groups=data["base"]))
    runs = [
        (f"native fold {k}", data.iloc[folds[k][0]], data.iloc[folds[k][1]].reset_index(drop=True), 0)
        for k in map(int, args.folds.split(","))
    ]
    if args.test_dataset:
        test = load(args.test_dataset)
        runs += [
            (f"{args.test_dataset.name} seed {s}", data, test, s) for s in map(int, args.seeds.split(","))
        ]
    rows = []
    for split, train, test, seed in runs:
        for name in names:
            t1 = time.perf_counter()
            scores = fit_variant(name, train, seed, args.quick)(test)
            row = {"split": split, "setting": split.rsplit(" ", 2)[0], "variant": name, "seed": seed}
            rows.append({**row, **score(test, scores), "seconds": time.perf_counter() - t1})
            print(f"{split}: {name} Top-1 {rows[-1]['top1']:.1f}%", flush=True)
    df = pd.DataFrame(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    df.to_csv(args.out / "ablation.csv", index=False)
    text = ["# Ablation (single-fault bugs; each row is the shipped TFLM with one thing changed)", ""]
    for setting in dict.fromkeys(df["setting"]):
        n = df.loc[df["setting"] == setting].groupby("split", sort=False)["bugs"].first()
        runs_ = ", ".join(f"{k.removeprefix(setting + ' ')} ({v} bugs)" for k, v in n.items())
        text += [f"## {setting}: {runs_}", ""]
        text += [table(df, setting), ""]
    text.append(f"Run time: {time.perf_counter() - t0:.0f} s.")
    report = "\n".join(text)
    (args.out / "ablation.md").write_text(report + "\n", encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
