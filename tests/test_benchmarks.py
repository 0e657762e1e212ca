"""The accuracy benchmark's quick mode runs end to end (a small subset of the native corpus) and produces
sane numbers. It asserts no particular accuracy: that is the full benchmark's job, reported in
benchmarks/README.md."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
from helpers import REPO

from tflm.features.sbfl import RANKING_FORMULAS


def test_accuracy_quick_mode(tmp_path):
    res = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "accuracy.py"),
            "--quick",
            "--listwise",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert "## single-fault bugs" in res.stdout and "| tflm |" in res.stdout
    for name in ("accuracy.md", "per_bug.csv.gz", "summary.json", "topn.png", "reliability.png"):
        assert (tmp_path / name).stat().st_size > 0
    assert (tmp_path / "topn.png").read_bytes()[:4] == b"\x89PNG"
    summary = pd.DataFrame(json.loads((tmp_path / "summary.json").read_text())["summary"])
    methods = set(RANKING_FORMULAS) | {"stacktrace", "logreg", "gbt", "lambdarank", "spn"}
    methods |= {"tflm", "tflm-single", "tflm-exactly1", "tflm-listwise"}
    assert set(summary["method"]) == methods
    assert summary["top1"].between(0, 100).all() and summary["exam"].between(0, 1).all()
    assert (summary["top1"] <= summary["top10"]).all()
    assert (summary["top1_best"] >= summary["top1_worst"]).all()
    assert (summary["inspections_mean"] >= 1).all()
    per_bug = pd.read_csv(tmp_path / "per_bug.csv.gz")
    # every method scored the same bugs
    assert per_bug.groupby("method")["bug"].apply(frozenset).nunique() == 1
    # the paired comparison and the per-operator table are written
    report = (tmp_path / "accuracy.md").read_text()
    assert "| lambdarank |" in report and "paired by fold" in report and "by mutation operator" in report
    calib = json.loads((tmp_path / "summary.json").read_text())["calibration"]
    assert all(0 <= c["brier"] <= 1 and 0 <= c["ece"] <= 1 for c in calib.values())


def test_accuracy_zero_shot_on_another_corpus(tmp_path):
    # Train on the quick native subset, test on the QuixBugs-layout fixture: the cross-corpus path.
    from tflm.corpora import open_corpus
    from tflm.corpora.extract import extract

    qb = tmp_path / "qb"
    index = extract(open_corpus(REPO / "tests" / "fixtures" / "quixbugs"), qb, workers=2)
    assert (index["status"] == "ok").any()
    out = tmp_path / "out"
    res = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "accuracy.py"),
            "--quick",
            "--test-dataset",
            str(qb),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["setting"].startswith("zero-shot") and summary["setting"].endswith("qb")
    per_bug = pd.read_csv(out / "per_bug.csv.gz")
    assert set(per_bug["bug"]) == set(index.loc[index["status"] == "ok", "id"])


def test_ablation_quick_mode(tmp_path):
    variants = ["shipped", "covered-only", "gbt", "gbt-leaves"]
    cmd = [sys.executable, str(REPO / "benchmarks" / "ablation.py"), "--quick", "--out", str(tmp_path)]
    res = subprocess.run(
        [*cmd, "--variants", ",".join(variants)], capture_output=True, text=True, timeout=900
    )
    assert res.returncode == 0, res.stderr[-3000:]
    rows = pd.read_csv(tmp_path / "ablation.csv")
    assert list(rows["variant"]) == variants and (rows["bugs"] > 0).all()
    assert rows["top1"].between(0, 100).all() and (rows["top1"] <= rows["top10"]).all()
    report = (tmp_path / "ablation.md").read_text()
    assert all(f"| {v} |" in report for v in variants)
    bad = subprocess.run([*cmd, "--variants", "shipped,nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and "nonsense" in bad.stderr


def test_gbt_leaves_is_the_boosted_model_when_untilted():
    # With no tilt every mixture path gives a line the same label odds, so the exact posterior must be the
    # trees' own probability whatever the RSPN's densities; with a tilt the mixture moves it.
    sys.path.insert(0, str(REPO / "benchmarks"))
    import ablation
    from accuracy import load, quick_dataset
    from scipy.special import expit

    data = load(quick_dataset(120))
    bugs = data["bug"].unique()
    train, test = data[data["bug"].isin(bugs[:90])], data[data["bug"].isin(bugs[90:])]
    test = test.reset_index(drop=True)
    gbt = ablation.boosted(train, 0)
    model = ablation.TFLM(min_instances=60, random_state=0).fit(train)
    p = ablation.gbt_leaves(model, gbt, test, tilt=0.0)
    s = gbt.predict(ablation.features(test), raw_score=True)
    np.testing.assert_allclose(p, expit(s), rtol=1e-9, atol=1e-12)
    assert np.abs(ablation.gbt_leaves(model, gbt, test, tilt=1.0) - p).max() > 1e-3
