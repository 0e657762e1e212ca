"""Extraction: complete, resumable after a real kill, parallel locally and on a Dask LocalCluster."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers import REPO, make_mini_corpus, run_cli

from tflm.corpora.extract import extract, load_dataset, read_records
from tflm.corpora.generate import generate
from tflm.errors import DataError, TflmError
from tflm.features.columns import TABLE_VERSION, VERSION_KEY
from tflm.model import TFLM
from tflm.spectrum import Spectrum


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = make_mini_corpus(tmp_path_factory.mktemp("xc") / "corpus")
    generate(root, seed=5, per_base=10, multi_per_base=3, workers=2)
    return root


def _bug_ids(corpus: Path) -> list[str]:
    return [b["id"] for b in json.loads((corpus / "manifest.json").read_text())["bugs"]]


def _check_complete(out: Path, corpus: Path) -> pd.DataFrame:
    index = pd.read_parquet(out / "index.parquet")
    assert sorted(index["id"]) == sorted(_bug_ids(corpus))  # every bug, each once
    assert index["id"].is_unique
    assert (index["status"] == "ok").all(), index[["id", "error"]]
    for bug_id in index["id"]:
        stem = bug_id.replace("/", "__")
        assert Spectrum.load(out / "bugs" / f"{stem}.npz").n_tests == 6
    data = load_dataset(out)
    assert data.groupby("bug")["faulty"].any().all()  # every bug's faulty lines are in its table
    return index


def test_extract_local(corpus, tmp_path):
    index = extract(corpus, tmp_path / "ds", workers=2)
    _check_complete(tmp_path / "ds", corpus)
    assert set(index.columns) >= {
        "id",
        "base",
        "kind",
        "operators",
        "status",
        "n_tests",
        "n_lines",
        "seconds",
    }
    # A second run finds everything done and does nothing.
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "ds" / "bugs").iterdir()}
    extract(corpus, tmp_path / "ds", workers=2)
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "ds" / "bugs").iterdir()} == before


def test_resume_after_kill(corpus, tmp_path):
    out = tmp_path / "ds"
    cmd = [
        sys.executable,
        "-m",
        "tflm",
        "-q",
        "corpus",
        "extract",
        str(corpus),
        "--out",
        str(out),
        "--workers",
        "1",
    ]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and len(list((out / "bugs").glob("*.json"))) < 3:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = read_records(out)
    assert 3 <= len(partial) < len(_bug_ids(corpus)), "the kill should land mid-run"
    assert not (out / "index.parquet").exists()
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    _check_complete(out, corpus)
    # The bugs finished before the kill were not redone.
    for bug_id, rec in partial.items():
        assert read_records(out)[bug_id]["seconds"] == rec["seconds"]


def test_dask_local_cluster(corpus, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cl:
        extract(corpus, tmp_path / "ds", scheduler=cl.scheduler_address)
    _check_complete(tmp_path / "ds", corpus)


def test_unreachable_scheduler(corpus, tmp_path):
    with pytest.raises(TflmError, match="cannot reach the Dask scheduler"):
        extract(corpus, tmp_path / "ds", scheduler="tcp://127.0.0.1:1")


def test_concurrent_extraction_is_refused(corpus, tmp_path):
    import fcntl

    out = tmp_path / "ds"
    out.mkdir()
    with open(out / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(TflmError, match="another extraction is writing"):
            extract(corpus, out)


def test_failed_bug_is_recorded_not_fatal(corpus, tmp_path):
    # Break the base's test file in a copy: every bug then fails to collect, and each gets a record.
    import shutil

    broken = tmp_path / "c"
    shutil.copytree(corpus, broken)
    (broken / "mini" / "test_mini.py").write_text("import nonexistent_module\n\ndef test_x():\n    pass\n")
    index = extract(broken, tmp_path / "ds", workers=2)
    assert (index["status"] == "failed").all() and index["error"].str.contains("nonexistent_module").all()


def test_fit_cli_trains_a_model_that_localize_uses(corpus, tmp_path):
    out = tmp_path / "ds"
    extract(corpus, out, workers=2)
    model = tmp_path / "m.npz"
    res = run_cli("fit", str(out), "--out", str(model), "--min-instances", "20", "--function-clusters", "1")
    assert res.returncode == 0, res.stderr
    assert "saved" in res.stderr and model.exists()
    fitted = TFLM.load(model)
    data = load_dataset(out)
    assert fitted.fit_info_["programs"] == data["bug"].nunique()
    assert fitted.predict_proba(data).shape == (len(data),)
    res = run_cli("localize", str(REPO / "examples" / "shop"), "--model", str(model), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["method"] == "tflm"
    res = run_cli("fit", str(tmp_path / "nothing"), "--out", str(model))
    assert res.returncode == 2 and "no readable dataset index" in " ".join(res.stderr.split())


def test_stale_line_tables_are_refused_then_extracted_again(corpus, tmp_path, caplog):
    out = tmp_path / "ds"
    index = extract(corpus, out, workers=2)
    assert (index["table_version"] == TABLE_VERSION).all()
    stem = index["stem"].iloc[0]
    table = out / "bugs" / f"{stem}.parquet"
    assert pd.read_parquet(table).attrs[VERSION_KEY] == TABLE_VERSION
    # An older tflm's dataset: one bug's record says table version 2, and the index records no version.
    record = out / "bugs" / f"{stem}.json"
    record.write_text(json.dumps({**json.loads(record.read_text()), "table_version": 2}))
    index.drop(columns="table_version").to_parquet(out / "index.parquet", index=False)
    with pytest.raises(DataError, match=r"were built with another table version \(none recorded\)"):
        load_dataset(out)
    before = {p.name: p.stat().st_mtime_ns for p in (out / "bugs").glob("*.parquet")}
    with caplog.at_level("WARNING", logger="tflm.corpora.extract"):
        extract(corpus, out, workers=2)
    assert "1 line tables were built with another table version" in caplog.text
    after = {p.name: p.stat().st_mtime_ns for p in (out / "bugs").glob("*.parquet")}
    assert [n for n in before if after[n] != before[n]] == [table.name]  # that bug alone, extracted again
    assert load_dataset(out).attrs[VERSION_KEY] == TABLE_VERSION
