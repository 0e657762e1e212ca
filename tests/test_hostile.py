"""Hostile targets and hostile files. Every case runs real subprocesses: real pytest runs of test suites that
misbehave, real extraction processes killed at random moments, and loaders fed damaged files."""

import json
import os
import random
import resource
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import make_mini_corpus, make_spectrum, synthetic_dataset, tree_digest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tflm import TflmError, collect
from tflm.corpora.extract import read_records
from tflm.corpora.generate import generate
from tflm.corpora.native import NativeCorpus
from tflm.model import TFLM
from tflm.rspn.io import load_rspn
from tflm.spectrum import Spectrum

MOD = """\
def price(n):
    if n > 10:
        return n * 2
    return n + 1
"""

BASE_TESTS = """\
from mod import price


def test_small():
    assert price(1) == 2


def test_big_is_wrong():
    assert price(20) == 41
"""


def make_project(tmp_path: Path, hostile: str, name: str = "proj") -> Path:
    """A tiny project: one module, two ordinary tests, and one hostile test (run between them)."""
    root = tmp_path / name
    root.mkdir()
    (root / "mod.py").write_text(MOD)
    (root / "test_a.py").write_text(
        "from mod import price\n\n\ndef test_first():\n    assert price(2) == 3\n"
    )
    (root / "test_b_hostile.py").write_text(textwrap.dedent(hostile))
    (root / "test_c.py").write_text(BASE_TESTS)
    return root


def outcomes(spectrum: Spectrum) -> dict[str, str]:
    return {t.split("::")[-1]: o for t, o in zip(spectrum.tests, spectrum.outcomes, strict=True)}


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if marker.encode() in Path(f"/proc/{entry.name}/cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def assert_localized(spectrum: Spectrum) -> None:
    o = outcomes(spectrum)
    assert o["test_first"] == "passed" and o["test_small"] == "passed" and o["test_big_is_wrong"] == "failed"
    from tflm.localization import rank_spectrum

    top = rank_spectrum(spectrum, "ochiai")
    assert (top.files[0], int(top.lines[0])) == ("mod.py", 3)  # the faulty `return n * 2`


# ---- hostile tests -------------------------------------------------------------------------------------
def test_fork_bomb_is_capped_and_cleaned_up(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import os


        def test_bomb():
            for _ in range(5000):
                if os.fork() == 0:
                    os.execvp("sleep", ["sleep", "31.337"])
        """,
    )
    s = collect(root, test_timeout=20)
    assert outcomes(s)["test_bomb"] == "crashed"
    assert "processes" in s.failures["test_b_hostile.py::test_bomb"].message
    assert_localized(s)  # the run went on after the bomb
    time.sleep(0.5)
    assert processes_with("31.337") == []  # every child was killed


def test_writes_land_in_the_scratch_area_not_the_users(tmp_path):
    home_marker = Path(os.path.expanduser("~")) / "tflm-hostile-marker.txt"
    tmp_marker = Path("/tmp") / "tflm-hostile-marker.txt"
    for p in (home_marker, tmp_marker):
        p.unlink(missing_ok=True)
    root = make_project(
        tmp_path,
        """\
        import os
        import tempfile
        from pathlib import Path


        def test_writes():
            Path(os.path.expanduser("~"), "tflm-hostile-marker.txt").write_text("x")
            Path(tempfile.gettempdir(), "tflm-hostile-marker.txt").write_text("x")
            Path(__file__).with_name("mod.py").write_text("def price(n):\\n    return 0\\n")
            Path(__file__).parent.joinpath("new_file.txt").write_text("x")
        """,
    )
    before = tree_digest(root)
    s = collect(root)
    assert outcomes(s)["test_writes"] == "passed"
    assert tree_digest(root) == before  # the user's tree: byte-identical
    assert not home_marker.exists() and not tmp_marker.exists()


def test_gigabytes_of_output_keep_memory_bounded(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import sys


        def test_loud():
            chunk = "x" * 1_000_000 + "\\n"
            for _ in range(1500):
                sys.stdout.write(chunk)
        """,
    )
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    s = collect(root)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert outcomes(s)["test_loud"] == "passed"
    assert grown_mb < 300, f"tflm's own memory grew by {grown_mb:.0f} MB for 1.5 GB of test output"
    assert_localized(s)


def test_a_test_killing_its_parent_does_not_kill_tflm(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import os
        import signal


        def test_kill_parent():
            os.kill(os.getppid(), signal.SIGKILL)
        """,
    )
    s = collect(root)
    assert outcomes(s)["test_kill_parent"] == "passed"
    assert_localized(s)  # tests after it still ran and were recorded


def test_a_parent_killed_before_tflm_looks_does_not_end_the_run(tmp_path, monkeypatch):
    # pytest starts its tests at once on "go"; if the shim is already dead when tflm first looks, the run
    # is still alive and must be followed, not taken for finished (and killed) before pytest's first event
    # has even been read.
    from tflm.collection import runner

    go = runner.PytestSession._go

    def slow_go(self, *args):
        go(self, *args)
        time.sleep(1.5)  # tflm busy elsewhere: the test below kills the shim meanwhile

    monkeypatch.setattr(runner.PytestSession, "_go", slow_go)
    root = make_project(
        tmp_path,
        """\
        import os
        import signal
        import time


        def test_kill_parent():
            os.kill(os.getppid(), signal.SIGKILL)


        def test_slow():
            time.sleep(3)
        """,
    )
    s = collect(root)
    assert outcomes(s)["test_slow"] == "passed"
    assert_localized(s)


def test_changing_the_cwd_and_sys_path(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import os
        import sys


        def test_chdir():
            os.chdir("/")


        def test_sys_path():
            sys.path[:] = ["/nonexistent"]
            sys.modules.pop("json", None)
        """,
    )
    s = collect(root)
    assert outcomes(s)["test_chdir"] == "passed" and outcomes(s)["test_sys_path"] == "passed"
    assert_localized(s)


def test_processes_left_running_by_a_test_are_killed_after_the_run(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import subprocess


        def test_leaves_a_server_running():
            subprocess.Popen(["sleep", "31.338"])
        """,
    )
    s = collect(root)
    assert outcomes(s)["test_leaves_a_server_running"] == "passed"
    assert_localized(s)
    assert processes_with("31.338") == []


def test_a_thread_that_never_ends_does_not_hang_the_run(tmp_path):
    # Plain pytest would wait for this non-daemon thread at exit for ever; the collector leaves once
    # pytest has reported (the whole-run limit is only a backstop, so the test fails rather than hangs).
    root = make_project(
        tmp_path,
        """\
        import threading
        import time


        def test_starts_a_thread():
            threading.Thread(target=time.sleep, args=(3600,), daemon=False).start()
        """,
    )
    s = collect(root, total_timeout=600)
    assert s.meta["complete"] is True
    assert_localized(s)


# ---- hostile files --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def model_header(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "m.npz"
    TFLM(min_instances=80).fit(synthetic_dataset(50, seed=9)).save(path)
    with np.load(path, allow_pickle=False) as z:
        return json.loads(z["header"].tobytes()), z["params"].copy()


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.just("../../etc/passwd"),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:6]):
            yield from _paths(v, (*prefix, i))


def _replace(obj, path, value):
    if not path:
        return value
    copy = json.loads(json.dumps(obj))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_model_files_only_ever_give_tflm_errors(model_header, tmp_path_factory, data):
    header, params = model_header
    paths = list(_paths(header))
    path = data.draw(st.sampled_from(paths))
    mutated = _replace(header, path, data.draw(JSON_VALUES))
    if data.draw(st.booleans()):
        params = params.copy()
        params[data.draw(st.integers(0, len(params) - 1))] = data.draw(
            st.floats(allow_nan=True, allow_infinity=True)
        )
    out = tmp_path_factory.mktemp("f") / "m.npz"
    np.savez(out, header=np.frombuffer(json.dumps(mutated).encode(), dtype=np.uint8), params=params)
    try:
        model, _ = load_rspn(out)
    except TflmError:
        return
    # a file that loads must give a usable model: probabilities in [0, 1] (or a clear error on use)
    est = TFLM()
    est.rspn_ = model
    try:
        prob = est.predict_proba(synthetic_dataset(3, seed=1))
    except TflmError:
        return
    assert np.all((prob >= 0) & (prob <= 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=2000), cut=st.floats(0, 1, exclude_max=True))
def test_random_and_truncated_bytes_only_ever_give_tflm_errors(model_header, tmp_path_factory, blob, cut):
    d = tmp_path_factory.mktemp("b")
    (d / "x.npz").write_bytes(blob)
    with pytest.raises(TflmError):
        load_rspn(d / "x.npz")
    with pytest.raises(TflmError):
        Spectrum.load(d / "x.npz")
    # real files, cut short anywhere
    header, params = model_header
    np.savez(d / "m.npz", header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8), params=params)
    make_spectrum([[1, 0], [0, 1]], ["failed", "passed"]).save(d / "s.npz")
    for name, loader in (("m.npz", load_rspn), ("s.npz", Spectrum.load)):
        data = (d / name).read_bytes()
        (d / name).write_bytes(data[: int(cut * len(data))])
        with pytest.raises(TflmError):
            loader(d / name)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = make_mini_corpus(tmp_path_factory.mktemp("hc") / "corpus")
    generate(root, seed=3, per_base=12, multi_per_base=3, workers=2)
    return root


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzed_manifests_only_ever_give_clear_errors(corpus, tmp_path_factory, data):
    manifest = json.loads((corpus / "manifest.json").read_text())
    path = data.draw(st.sampled_from(list(_paths(manifest))))
    mutated = _replace(manifest, path, data.draw(JSON_VALUES))
    copy = tmp_path_factory.mktemp("m") / "corpus"
    import shutil

    shutil.copytree(corpus, copy)
    (copy / "manifest.json").write_text(json.dumps(mutated))
    try:
        bugs = NativeCorpus(copy).bugs()
    except TflmError:
        return
    for bug in bugs:  # whatever loads stays inside the corpus
        for mutation in bug.mutations:
            assert not Path(mutation.file).is_absolute() and ".." not in Path(mutation.file).parts


# ---- hostile interruptions ------------------------------------------------------------------------------
def _extract_cmd(corpus, out):
    return [
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
        "2",
    ]


def test_extraction_killed_five_times_ends_complete_and_duplicate_free(corpus, tmp_path):
    out = tmp_path / "ds"
    rng = random.Random(1)
    counts = []
    for _ in range(5):
        proc = subprocess.Popen(
            _extract_cmd(corpus, out),
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.8, 3.0))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        counts.append(len(read_records(out)) if out.exists() else 0)
    res = subprocess.run(_extract_cmd(corpus, out), capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    ids = [b["id"] for b in json.loads((corpus / "manifest.json").read_text())["bugs"]]
    index = pd.read_parquet(out / "index.parquet")
    assert sorted(index["id"]) == sorted(ids) and index["id"].is_unique
    assert (index["status"] == "ok").all()
    for bug_id in ids:  # every bug's files are whole
        stem = bug_id.replace("/", "__")
        Spectrum.load(out / "bugs" / f"{stem}.npz")
        assert len(pd.read_parquet(out / "bugs" / f"{stem}.parquet")) > 0
    assert counts == sorted(counts)  # progress is kept across kills, never lost


def test_two_extractions_into_one_folder(corpus, tmp_path):
    out = tmp_path / "ds"
    first = subprocess.Popen(
        _extract_cmd(corpus, out), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    while not (out / "bugs").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = subprocess.run(_extract_cmd(corpus, out), capture_output=True, text=True, timeout=120)
    assert first.wait(timeout=600) == 0
    assert second.returncode == 2 and "another extraction" in " ".join(second.stderr.split())
    index = pd.read_parquet(out / "index.parquet")
    assert index["id"].is_unique and (index["status"] == "ok").all()
