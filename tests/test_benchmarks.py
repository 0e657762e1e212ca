"""The accuracy benchmark's quick mode runs end to end (a small subset of the native corpus) and produces
sane numbers. It asserts no particular accuracy: that is the full benchmark's job, reported in
benchmarks/README.md."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from helpers import REPO

from tflm.features.sbfl import RANKING_FORMULAS

sys.path.insert(0, str(REPO / "benchmarks"))
from accuracy import QUICK, QUICK_OUT, RESULTS  # noqa: E402


def digest(folder: Path) -> str:
    """Every file under ``folder``: its path and its bytes."""
    h = hashlib.sha256()
    for f in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(folder)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


def run_quick(script: str, *args: str) -> subprocess.CompletedProcess:
    """``benchmarks/<script> --quick`` with its default output folder, checking it left the committed
    results alone; that folder is emptied first, so every output checked afterwards is this run's."""
    shutil.rmtree(QUICK_OUT, ignore_errors=True)
    before = digest(RESULTS)
    res = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / script), "--quick", *args],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    assert digest(RESULTS) == before, f"{script} --quick wrote into {RESULTS}"
    return res


def test_digest_sees_a_changed_results_file(tmp_path):
    # the check above must be able to fail: a rewritten, added or renamed file changes the digest
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("x")
    d = digest(tmp_path)
    (tmp_path / "sub" / "a.md").write_text("y")
    assert digest(tmp_path) != d
    (tmp_path / "sub" / "a.md").write_text("x")
    assert digest(tmp_path) == d
    (tmp_path / "sub" / "a.md").rename(tmp_path / "a.md")
    assert digest(tmp_path) != d


def test_accuracy_quick_mode():
    # --quick alone: every method (tflm-listwise included), written outside the committed results
    res = run_quick("accuracy.py")
    out = QUICK_OUT
    assert "## single-fault bugs" in res.stdout and "| tflm |" in res.stdout
    for name in ("accuracy.md", "per_bug.csv.gz", "summary.json", "topn.png", "reliability.png"):
        assert (out / name).stat().st_size > 0
    assert (out / "topn.png").read_bytes()[:4] == b"\x89PNG"
    summary = pd.DataFrame(json.loads((out / "summary.json").read_text())["summary"])
    methods = set(RANKING_FORMULAS) | {"stacktrace", "logreg", "gbt", "lambdarank", "spn"}
    methods |= {"tflm", "tflm-single", "tflm-exactly1", "tflm-listwise"}
    assert set(summary["method"]) == methods
    assert summary["top1"].between(0, 100).all() and summary["exam"].between(0, 1).all()
    assert (summary["top1"] <= summary["top10"]).all()
    assert (summary["top1_best"] >= summary["top1_worst"]).all()
    assert (summary["inspections_mean"] >= 1).all()
    per_bug = pd.read_csv(out / "per_bug.csv.gz")
    # every method scored every bug of the quick subset once, over its folds
    assert (per_bug.groupby("method")["bug"].nunique() == QUICK["bugs"]).all()
    assert not per_bug.duplicated(["method", "bug"]).any()
    assert set(per_bug["fold"]) == set(range(QUICK["folds"]))
    # the paired comparison and the per-operator table are written
    report = (out / "accuracy.md").read_text()
    assert "| lambdarank |" in report and "paired by fold" in report and "by mutation operator" in report
    calib = json.loads((out / "summary.json").read_text())["calibration"]
    assert set(calib) == {"logreg", "gbt", "spn", "tflm", "tflm-single", "tflm-exactly1", "tflm-listwise"}
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


def test_ablation_quick_mode():
    import ablation

    # every variant, with the default output folder (outside the committed results)
    run_quick("ablation.py")
    rows = pd.read_csv(QUICK_OUT / "ablation.csv")
    assert list(rows["variant"]) == list(ablation.VARIANTS) and (rows["bugs"] > 0).all()
    assert rows["top1"].between(0, 100).all() and (rows["top1"] <= rows["top10"]).all()
    report = (QUICK_OUT / "ablation.md").read_text()
    assert all(f"| {v} |" in report for v in ablation.VARIANTS)
    cmd = [sys.executable, str(REPO / "benchmarks" / "ablation.py"), "--quick"]
    bad = subprocess.run([*cmd, "--variants", "shipped,nonsense"], capture_output=True, text=True)
    assert bad.returncode == 2 and "nonsense" in bad.stderr


def test_gbt_leaves_is_the_boosted_model_when_untilted():
    # With no tilt every mixture path gives a line the same label odds, so the exact posterior must be the
    # trees' own probability whatever the RSPN's densities; with a tilt the mixture moves it.
    import ablation
    from accuracy import load, quick_dataset
    from scipy.special import expit

    data = load(quick_dataset())
    bugs = data["bug"].unique()
    # Fitted on all the quick bugs (the identity holds on any rows, training rows included): on fewer, the
    # RSPN has no function clusters (they need 400 functions), so a single path and nothing to tilt.
    train, test = data, data[data["bug"].isin(bugs[1::2])].reset_index(drop=True)
    gbt = ablation.boosted(train, 0, quick=True)
    model = ablation.TFLM(min_instances=QUICK["min_instances"], random_state=0).fit(train)
    assert max(len(m.paths) for m in model.members_) > 1
    p = ablation.gbt_leaves(model, gbt, test, tilt=0.0)
    s = gbt.predict(ablation.features(test), raw_score=True)
    np.testing.assert_allclose(p, expit(s), rtol=1e-9, atol=1e-12)
    assert np.abs(ablation.gbt_leaves(model, gbt, test, tilt=1.0) - p).max() > 1e-3
