"""Progress bars show on a terminal, and stay silent under --quiet or when output is not a terminal.
``-v`` turns on logging."""

import os
import pty
import subprocess
import sys

import pytest
from helpers import make_mini_corpus

from tflm.corpora.extract import extract
from tflm.corpora.generate import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = make_mini_corpus(tmp_path_factory.mktemp("pc") / "corpus")
    generate(root, seed=1, per_base=6, multi_per_base=1, workers=2)
    return root


def run_in_terminal(args):
    """Run ``python -m tflm ARGS`` with stdout and stderr on a pseudo-terminal; return what it showed."""
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    proc = subprocess.Popen([sys.executable, "-m", "tflm", *args], stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=600) == 0
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(corpus, project, tmp_path):
    shown = run_in_terminal(["corpus", "extract", str(corpus), "--out", str(tmp_path / "a")])
    assert "extracting bugs" in shown
    fit = run_in_terminal(
        ["fit", str(tmp_path / "a"), "--out", str(tmp_path / "m.npz"), "--min-instances", "20"]
    )
    assert "learning the model" in fit and "saved" in fit
    # Silence is checked on a quick command with a bar of its own: a small collection.
    root, out = project("mid"), str(tmp_path / "s.npz")
    assert "running tests" in run_in_terminal(["collect", str(root), "--out", out])
    assert "running tests" not in run_in_terminal(["-q", "collect", str(root), "--out", out])
    piped = subprocess.run(
        [sys.executable, "-m", "tflm", "collect", str(root), "--out", out], capture_output=True, text=True
    )
    assert piped.returncode == 0 and "running tests" not in piped.stderr + piped.stdout
    assert "saved 7 tests" in piped.stderr


def test_verbose_logging(corpus, tmp_path):
    extract(corpus, tmp_path / "d", workers=2)
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "tflm",
            "-v",
            "fit",
            str(tmp_path / "d"),
            "--out",
            str(tmp_path / "m.npz"),
            "--min-instances",
            "20",
        ],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 0 and "INFO tflm.model: fitted" in res.stderr
