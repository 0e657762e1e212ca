"""Accuracy: every method on the same bugs, grouped k-fold by base program, plus calibration and feedback.

Methods, all scored on the same line tables with the same ground truth:

- every SBFL formula, and the stack-trace family alone (``tb_closeness``, closeness to the raising frame);
- logistic regression (scikit-learn) and gradient-boosted trees (LightGBM, pointwise) on the model's
  features, and a learning-to-rank baseline (LightGBM lambdarank, grouped by program) on the same features;
- a propositional SPN on the same features (one LearnSPN over lines; no functions, no programs): the
  ablation of the relational structure;
- the TFLM as shipped (``TFLM()`` defaults: an ensemble of three relational SPNs), one member alone
  (``tflm-single``: the ensemble's ablation), the TFLM conditioned on "exactly one faulty line", and with
  ``--listwise`` one member with listwise training of its mixing parameters (``tflm-listwise``).

Folds group bugs by base program, so mutants of one base never sit on both sides. With ``--test-dataset``
the run is zero-shot cross-corpus instead: train on all of ``--dataset``, test on the other corpus.

Outputs (in ``--out``, default ``benchmarks/results``; with ``--quick``, the untracked
``benchmarks/.cache/quick-results``): ``accuracy.md`` (the tables printed), ``per_bug.csv.gz`` (one row per
bug × method: E_inspect, best, worst…; every figure can be recomputed), ``summary.json``, ``topn.png``
(cumulative Top-N) and ``reliability.png``.

``--quick`` (for CI: the pipeline runs, numbers sane) runs every method, ``tflm-listwise`` included, through
the same code on a small budget (:data:`QUICK`): a 30-bug subset of the native corpus (extracted once into
``benchmarks/.cache``), 2 folds, 3 feedback rounds, clusters scaled to the subset, one LightGBM thread.

Usage::

    python benchmarks/accuracy.py --dataset data/native
    python benchmarks/accuracy.py --dataset data/native --test-dataset data/quixbugs \\
        --out benchmarks/results/quixbugs
    python benchmarks/accuracy.py --quick          # every method on a small subset, for CI
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.progress import Progress

from tflm.corpora.extract import extract, load_dataset
from tflm.corpora.native import NativeCorpus
from tflm.eval.calibration import brier, ece, reliability
from tflm.eval.feedback import inspections_static, inspections_with_feedback
from tflm.eval.metrics import evaluate
from tflm.features.sbfl import RANKING_FORMULAS
from tflm.model import TFLM
from tflm.rspn.schema import DEFAULT_SCHEMA, Schema

REPO = Path(__file__).resolve().parents[1]
#: The committed results (the full runs' default ``--out``) and the untracked folder quick runs write to.
RESULTS = REPO / "benchmarks" / "results"
QUICK_OUT = REPO / "benchmarks" / ".cache" / "quick-results"
TOP_N = (1, 3, 5, 10)
PROBABILISTIC = ("logreg", "gbt", "spn", "tflm-listwise", "tflm-single", "tflm", "tflm-exactly1")
#: The learned baselines and ablations the TFLM is compared with, fold by fold.
BASELINES = ("logreg", "gbt", "lambdarank", "spn", "tflm-single", "tflm-listwise")

#: The budget of both tree baselines (pointwise and lambdarank). scikit-learn's
#: HistGradientBoostingClassifier with its defaults early-stops on log-loss after about 50 trees here and
#: scored 53.5% Top-1 in the CV against 60.6% for this: too weak a baseline to measure the TFLM against.
BOOST = {"n_estimators": 300, "learning_rate": 0.05, "verbose": -1, "n_jobs": 2}

#: ``--quick``'s budget. 30 bugs (24 single-fault: the first bug of 24 of the 44 bases; 6 multi-fault) extract
#: in 10-15 s with two workers on a clean clone of the 2-core machine when it is idle, and the fits take about
#: half as long. ``min_instances`` 200 of a fold's ~2,100 training lines is about half the full run's
#: granularity (20,000 of ~400,000) and halves the fit time of 100. LightGBM gets one thread: on a few
#: thousand rows, with the other core busy, two OpenMP threads measured 8-60 times slower than one. All else
#: is the full run's code and settings. But the RSPN clusters functions only from 400 of them and programs
#: from 100 (``learn_rspn``), so a fold's TFLMs (15 bugs, ~300 functions) have one mixture path; the
#: zero-shot fit on all 30 bugs gets function clusters (in one of its three members).
QUICK = {"bugs": 30, "folds": 2, "rounds": 3, "min_instances": 200, "listwise_iter": 10, "boost_jobs": 1}

FLAT_SCHEMA = Schema(
    line=DEFAULT_SCHEMA.line + DEFAULT_SCHEMA.function + DEFAULT_SCHEMA.program, function=(), program=()
)


def features(table: pd.DataFrame) -> np.ndarray:
    """The model's variables (label excluded), transformed as the model sees them."""
    return np.column_stack([v.column(table) for v in FLAT_SCHEMA.line if v.name != "faulty"])


def program_sizes(table: pd.DataFrame) -> np.ndarray:
    """Rows per program, in table order (a dataset holds each program's rows together)."""
    bugs = table["bug"].to_numpy()
    starts = np.flatnonzero(np.r_[True, bugs[1:] != bugs[:-1]])
    return np.diff(np.r_[starts, len(bugs)])


def fit_methods(
    train: pd.DataFrame, seed: int, quick: bool, listwise: bool = False
) -> dict[str, Callable[..., np.ndarray]]:
    """Fit the learned methods on ``train``; return scorers ``f(test_table, evidence=None) -> scores``."""
    from lightgbm import LGBMClassifier, LGBMRanker
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x, y = features(train), train["faulty"].to_numpy()
    logreg = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(x, y)
    boost = {**BOOST, "random_state": seed} | ({"n_jobs": QUICK["boost_jobs"]} if quick else {})
    gbt = LGBMClassifier(**boost).fit(x, y.astype(int))
    ranker = LGBMRanker(objective="lambdarank", **boost).fit(x, y.astype(int), group=program_sizes(train))
    size = (
        {"min_instances": QUICK["min_instances"], "random_state": seed} if quick else {"random_state": seed}
    )
    flat = {"schema": FLAT_SCHEMA, "n_program_clusters": 1, "n_function_clusters": 1}
    models = {
        "tflm": TFLM(**size),
        "tflm-single": TFLM(**size, n_estimators=1),
        "spn": TFLM(**flat, **size),
    }
    if listwise:
        # one member: listwise training costs minutes per member
        models["tflm-listwise"] = TFLM(
            **size, n_estimators=1, objective="listwise", max_iter=QUICK["listwise_iter"] if quick else 30
        )
    for model in models.values():
        model.fit(train)
    tflm = models["tflm"]
    out: dict[str, Callable[..., np.ndarray]] = {
        "logreg": lambda t, evidence=None: logreg.predict_proba(features(t))[:, 1],
        "gbt": lambda t, evidence=None: gbt.predict_proba(features(t))[:, 1],
        "lambdarank": lambda t, evidence=None: ranker.predict(features(t)),
        "tflm-exactly1": lambda t, evidence=None: tflm.predict_proba(t, bugs=1, evidence=evidence),
    }
    for name, model in models.items():
        out[name] = lambda t, evidence=None, model=model: model.predict_proba(t, evidence=evidence)
    return out


def static_methods() -> dict[str, Callable[[pd.DataFrame], np.ndarray]]:
    out: dict[str, Callable[[pd.DataFrame], np.ndarray]] = {
        f: (lambda t, f=f: t[f].to_numpy(dtype=float)) for f in RANKING_FORMULAS
    }
    out["stacktrace"] = lambda t: t["tb_closeness"].to_numpy(dtype=float)
    return out


def score_fold(
    test: pd.DataFrame, learned: dict[str, Callable[..., np.ndarray]], fold: int, rounds: int
) -> tuple[list[dict], dict[str, tuple[np.ndarray, np.ndarray]]]:
    rows: list[dict] = []
    probs: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    scored = {name: fn(test) for name, fn in static_methods().items()}
    scored.update({name: fn(test) for name, fn in learned.items()})
    for name in (n for n in PROBABILISTIC if n in scored):
        probs[name] = (scored[name], test["faulty"].to_numpy())
    bugs = test["bug"].to_numpy()
    sizes = program_sizes(test)
    ends = np.cumsum(sizes)
    bounds = list(zip(ends - sizes, ends, strict=True))
    for lo, hi in bounds:
        part = test.iloc[lo:hi]
        faulty = part["faulty"].to_numpy()
        if not faulty.any():
            continue  # the faulty lines are not executable (cannot happen for kept mutants)
        for name, scores in scored.items():
            s = evaluate(scores[lo:hi], faulty)
            row = {"method": name, "fold": fold, "bug": bugs[lo], "kind": part["bug_kind"].iloc[0]}
            row["operator"] = part["operator"].iloc[0]
            row.update(s.to_dict())
            row["exam"] = s.exam
            if name in learned and name in PROBABILISTIC and rounds:
                fn = learned[name]
                row["inspections"] = inspections_with_feedback(
                    lambda e, fn=fn, part=part: fn(part, evidence=e), faulty, rounds
                )
            else:
                row["inspections"] = inspections_static(scores[lo:hi], faulty)
            rows.append(row)
    return rows, probs


def summarize(per_bug: pd.DataFrame) -> pd.DataFrame:
    def agg(g: pd.DataFrame) -> pd.Series:
        out = {f"top{n}": 100 * np.mean(g["first"] <= n) for n in TOP_N}
        out.update(
            top1_best=100 * np.mean(g["best"] <= 1),
            top1_worst=100 * np.mean(g["worst"] <= 1),
            exam=g["exam"].mean(),
            mfr=g["first"].mean(),
            mar=g["mean_rank"].mean(),
            map=g["average_precision"].mean(),
            inspections_mean=g["inspections"].mean(),
            inspections_median=g["inspections"].median(),
            bugs=len(g),
        )
        per_fold = g.groupby("fold")
        out["top1_sd"] = float(per_fold["first"].apply(lambda x: 100 * np.mean(x <= 1)).std(ddof=0))
        out["exam_sd"] = float(per_fold["exam"].mean().std(ddof=0))
        return pd.Series(out)

    return per_bug.groupby(["kind", "method"]).apply(agg, include_groups=False).reset_index()


def markdown(summary: pd.DataFrame, kind: str) -> str:
    s = summary[summary["kind"] == kind].sort_values("top1", ascending=False)
    lines = [
        "| method | Top-1 % | Top-3 % | Top-5 % | Top-10 % | EXAM | MFR | MAR | MAP | inspections |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in s.itertuples():
        lines.append(
            f"| {r.method} | {r.top1:.1f} ± {r.top1_sd:.1f} ({r.top1_best:.0f}–{r.top1_worst:.0f}) | "
            f"{r.top3:.1f} | {r.top5:.1f} | {r.top10:.1f} | {r.exam:.3f} ± {r.exam_sd:.3f} | {r.mfr:.2f} | "
            f"{r.mar:.2f} | {r.map:.3f} | {r.inspections_mean:.2f} / {r.inspections_median:.0f} |"
        )
    return "\n".join(lines)


def paired(per_bug: pd.DataFrame, kind: str = "single") -> str:
    """The TFLM against each learned baseline, fold by fold: mean and spread of the per-fold differences."""
    s = per_bug[per_bug["kind"] == kind]
    per_fold = s.assign(top1=100.0 * (s["first"] <= 1)).groupby(["method", "fold"])[["top1", "exam"]].mean()
    lines = [
        "| TFLM − baseline | Δ Top-1 (points) | Δ EXAM | folds TFLM better (Top-1 / EXAM) |",
        "|---|---|---|---|",
    ]
    tflm = per_fold.loc["tflm"]
    for base in BASELINES:
        if base not in per_fold.index.get_level_values(0):
            continue
        diff = tflm - per_fold.loc[base]
        lines.append(
            f"| {base} | {diff['top1'].mean():+.1f} ± {diff['top1'].std(ddof=0):.1f} | "
            f"{diff['exam'].mean():+.4f} ± {diff['exam'].std(ddof=0):.4f} | "
            f"{int((diff['top1'] > 0).sum())}/{len(diff)} / {int((diff['exam'] < 0).sum())}/{len(diff)} |"
        )
    return "\n".join(lines)


def by_operator(per_bug: pd.DataFrame, methods: tuple[str, ...]) -> str:
    """Top-1 per mutation operator (single-fault bugs), for a few methods."""
    s = per_bug[(per_bug["kind"] == "single") & per_bug["method"].isin(methods)]
    table = s.assign(top1=100.0 * (s["first"] <= 1)).pivot_table(
        index="operator", columns="method", values="top1", aggfunc="mean"
    )
    counts = s[s["method"] == methods[0]].groupby("operator").size()
    cols = [m for m in methods if m in table.columns]
    lines = ["| operator | bugs | " + " | ".join(cols) + " |", "|---|---|" + "---|" * len(cols)]
    for op, row in table.sort_index().iterrows():
        lines.append(f"| {op} | {counts[op]} | " + " | ".join(f"{row[m]:.1f}" for m in cols) + " |")
    return "\n".join(lines)


def plots(per_bug: pd.DataFrame, calib: dict[str, tuple[np.ndarray, np.ndarray]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    single = per_bug[per_bug["kind"] == "single"]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ns = np.arange(1, 21)
    order = (
        single.groupby("method")["first"].apply(lambda x: np.mean(x <= 1)).sort_values(ascending=False).index
    )
    colours = plt.get_cmap("tab20").colors
    for i, method in enumerate(order):
        first = single.loc[single["method"] == method, "first"].to_numpy()
        learned = method in PROBABILISTIC or method in BASELINES
        ax.plot(
            ns,
            [100 * np.mean(first <= n) for n in ns],
            label=method,
            color=colours[(2 * i) % 20 if i < 10 else (2 * i + 1) % 20],
            lw=2.2 if "tflm" in method else 1.2,
            ls="-" if learned else "--",
        )
    ax.set_xlabel("N (lines inspected)")
    ax.set_ylabel("% of single-fault bugs found in the top N")
    ax.set_xticks([1, 3, 5, 10, 15, 20])
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(out / "topn.png", dpi=120)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], "k--", lw=0.8)
    for name, (p, y) in calib.items():
        table = reliability(p, y)
        table = table[table["lines"] > 0]
        ax.plot(table["predicted"], table["observed"], "o-", label=name, ms=3)
    ax.set_xlabel("predicted P(bug)")
    ax.set_ylabel("observed fraction faulty")
    ax.set_title("Reliability (all test lines)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "reliability.png", dpi=120)
    plt.close(fig)


def quick_dataset(n_bugs: int = QUICK["bugs"]) -> Path:
    """A small dataset extracted from the native corpus (cached in benchmarks/.cache)."""
    out = REPO / "benchmarks" / ".cache" / f"quick-{n_bugs}"
    extract(
        NativeCorpus(REPO / "corpora" / "native").subset(n_bugs, stride=7, multi_share=0.2), out, workers=2
    )
    return out


def load(path: Path) -> pd.DataFrame:
    data = load_dataset(path)
    index = pd.read_parquet(path / "index.parquet")
    kinds = dict(zip(index["id"], index["kind"], strict=True))
    bases = dict(zip(index["id"], index["base"], strict=True))
    ops = dict(zip(index["id"], index["operators"], strict=True))
    data["bug_kind"] = data["bug"].map(kinds)
    data["base"] = data["bug"].map(bases)
    single = (data["bug_kind"] == "single").to_numpy()
    data["operator"] = np.where(single, data["bug"].map(ops).astype(str), "(multi)")
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", type=Path, default=REPO / "data" / "native")
    ap.add_argument("--test-dataset", type=Path, help="zero-shot: train on --dataset, test on this one")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=10, help="feedback rounds simulated per bug (10)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--out",
        type=Path,
        help=f"default {RESULTS.relative_to(REPO)}; with --quick {QUICK_OUT.relative_to(REPO)}",
    )
    ap.add_argument(
        "--quick", action="store_true", help="every method on a 30-bug subset, 2 folds, small models (CI)"
    )
    ap.add_argument(
        "--listwise",
        action="store_true",
        help="add tflm-listwise (one member; minutes per fold; on with --quick)",
    )
    args = ap.parse_args()

    t0 = time.perf_counter()
    if args.quick:
        args.dataset, args.folds, args.rounds = quick_dataset(), QUICK["folds"], QUICK["rounds"]
        args.listwise = True  # every method
    if args.out is None:
        args.out = QUICK_OUT if args.quick else RESULTS
    data = load(args.dataset)
    args.out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    calib: dict[str, list] = {name: [[], []] for name in PROBABILISTIC}
    if args.test_dataset:
        test = load(args.test_dataset)
        splits = [(data, test)]
        setting = f"zero-shot: train on {args.dataset.name} ({data['bug'].nunique()} bugs), test on "
        setting += args.test_dataset.name
    else:
        from sklearn.model_selection import GroupKFold

        folds = GroupKFold(n_splits=args.folds).split(data, groups=data["base"])
        splits = [(data.iloc[tr], data.iloc[te]) for tr, te in folds]
        setting = f"{args.folds}-fold cross-validation grouped by base program, {args.dataset.name}"
    # A progress bar on a terminal (fits, then bugs scored); plain lines in logs and CI.
    console = Console(stderr=True)
    bar = Progress(
        *Progress.get_default_columns(), console=console, transient=True, disable=not console.is_terminal
    )
    with bar:
        task = bar.add_task("folds", total=len(splits))
        for fold, (train, test) in enumerate(splits):
            bar.update(task, description=f"fold {fold + 1}: fitting")
            learned = fit_methods(train, args.seed, args.quick, args.listwise)
            bar.update(task, description=f"fold {fold + 1}: scoring {test['bug'].nunique()} bugs")
            fold_rows, probs = score_fold(test.reset_index(drop=True), learned, fold, args.rounds)
            rows += fold_rows
            for name, (p, y) in probs.items():
                calib[name][0].append(p)
                calib[name][1].append(y)
            bar.advance(task)
            if not console.is_terminal:
                print(f"fold {fold + 1}/{len(splits)} done ({time.perf_counter() - t0:.0f} s)", flush=True)

    per_bug = pd.DataFrame(rows)
    per_bug.to_csv(args.out / "per_bug.csv.gz", index=False)
    summary = summarize(per_bug)
    cal = {k: (np.concatenate(v[0]), np.concatenate(v[1])) for k, v in calib.items() if v[0]}
    cal_rows = [(k, brier(p, y), ece(p, y)) for k, (p, y) in cal.items()]
    plots(per_bug, cal, args.out)

    text = [f"# Accuracy ({setting})", ""]
    text.append(
        "Tie policy: Top-N counts a bug when E_inspect (the expected rank of its first faulty line under a "
        "random order of tied lines) is at most N; brackets give Top-1 with ties broken in the bug's favour "
        "and against it. ± is the standard deviation over folds. Inspections (mean / median): lines a "
        "developer reads until the first faulty one, with feedback after each clean line (learned methods "
        "re-score; SBFL just moves on)."
    )
    for kind in ("single", "multi"):
        if (summary["kind"] == kind).any():
            n = int(summary.loc[summary["kind"] == kind, "bugs"].max())
            text += ["", f"## {kind}-fault bugs ({n})", "", markdown(summary, kind)]
    if not args.test_dataset and (per_bug["kind"] == "single").any():
        text += ["", "## The TFLM against each learned baseline (single-fault bugs, paired by fold)", ""]
        text += [paired(per_bug)]
    if (per_bug["kind"] == "single").any() and per_bug["operator"].nunique() > 1:
        text += ["", "## Top-1 % by mutation operator (single-fault bugs)", ""]
        shown = ("tflm", "tflm-single", "tflm-listwise", "logreg", "lambdarank", "ochiai")
        text += [by_operator(per_bug, tuple(m for m in shown if m in set(per_bug["method"])))]
    text += ["", "## Calibration (per line, all test folds)", "", "| method | Brier | ECE |", "|---|---|---|"]
    text += [f"| {k} | {b:.5f} | {e:.5f} |" for k, b, e in cal_rows]
    text += ["", f"Run time: {time.perf_counter() - t0:.0f} s."]
    report = "\n".join(text)
    (args.out / "accuracy.md").write_text(report + "\n", encoding="utf-8")
    (args.out / "summary.json").write_text(
        json.dumps(
            {
                "setting": setting,
                "summary": summary.to_dict(orient="records"),
                "calibration": {k: {"brier": b, "ece": e} for k, b, e in cal_rows},
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    print(report)


if __name__ == "__main__":
    main()
