"""Builders shared by the tests."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from tflm.rspn.schema import Var
from tflm.spectrum import Spectrum

REPO = Path(__file__).resolve().parents[1]


def make_spectrum(matrix, outcomes, files=("m.py",), line_file=None, line_no=None) -> Spectrum:
    """A spectrum from a dense tests × lines 0/1 matrix."""
    m = np.asarray(matrix, dtype=bool)
    n_tests, n_lines = m.shape
    return Spectrum(
        root="/nowhere",
        files=list(files),
        line_file=np.zeros(n_lines, dtype=np.int64) if line_file is None else np.asarray(line_file),
        line_no=np.arange(1, n_lines + 1) if line_no is None else np.asarray(line_no),
        tests=[f"test_{i}" for i in range(n_tests)],
        outcomes=np.asarray(outcomes, dtype=str),
        durations=np.zeros(n_tests),
        coverage=sp.csr_matrix(m),
    )


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with its content hash and mode: any change shows."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            p = Path(dirpath, d)
            out[str(p.relative_to(root)) + "/"] = oct(p.stat().st_mode)
        for f in filenames:
            p = Path(dirpath, f)
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
    return out


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real ``tflm`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "tflm", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


# A tiny corpus base, used by the corpus tests.
MINI = """\
def clamp(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def scale(values, factor):
    out = []
    for v in values:
        out.append(v * factor)
    return out
"""

TESTS = """\
from mini import clamp, scale


def test_inside():
    assert clamp(5, 0, 10) == 5


def test_low():
    assert clamp(-3, 0, 10) == 0


def test_high():
    assert clamp(12, 0, 10) == 10


def test_edges():
    assert clamp(0, 0, 10) == 0 and clamp(10, 0, 10) == 10


def test_scale():
    assert scale([1, 2], 3) == [3, 6]


def test_scale_empty():
    assert scale([], 3) == []
"""

BASE_TOML = """\
name = "mini"
category = "algorithms"
description = "clamp and scale"
sources = ["mini.py"]
tests = ["test_mini.py"]
"""


def make_mini_corpus(root: Path) -> Path:
    """A corpus folder holding the single ``mini`` base; returns ``root``."""
    base = root / "mini"
    base.mkdir(parents=True)
    (base / "mini.py").write_text(MINI)
    (base / "test_mini.py").write_text(TESTS)
    (base / "base.toml").write_text(BASE_TOML)
    return root


def synthetic_dataset(n_programs: int, seed: int = 0):
    """Line tables of made-up programs, with every column the default schema reads.

    In each program one line is faulty; it tends to have a higher Ochiai score, a traceback hit and a
    comparison, like the real thing, so a model has something to learn and a test can tell it did.
    """
    import pandas as pd

    from tflm.rspn.schema import DEFAULT_SCHEMA

    rng = np.random.default_rng(seed)
    frames = []
    for p in range(n_programs):
        n_funcs = int(rng.integers(3, 7))
        func_len = rng.integers(3, 9, n_funcs)
        n = int(func_len.sum())
        func_id = np.repeat(np.arange(n_funcs), func_len)
        faulty = np.zeros(n, dtype=bool)
        faulty[rng.integers(n)] = True
        ochiai = np.clip(rng.beta(2, 5, n) + 0.35 * faulty, 0, 1)
        table = pd.DataFrame(
            {
                "bug": f"prog{p}",
                "file": "m.py",
                "line": np.arange(1, n + 1),
                "func_id": func_id,
                "func": [f"m.py::f{i}" for i in func_id],
                "faulty": faulty,
            }
        )
        for var in DEFAULT_SCHEMA.line + DEFAULT_SCHEMA.function + DEFAULT_SCHEMA.program:
            if var.name in table:
                continue
            if var.kind == "histogram":
                values = rng.uniform(0, 1, n)
            elif var.kind == "bernoulli":
                values = rng.random(n) < 0.3
            elif var.kind == "categorical":
                values = rng.integers(0, var.n_values, n)
            elif var.kind == "poisson":
                values = rng.poisson(1.5, n)
            else:
                values = rng.gamma(2.0, 3.0, n)
            table[var.name] = values
        table["ochiai"] = ochiai
        table["tb_closeness"] = np.where(
            faulty, rng.uniform(0.3, 1, n), rng.uniform(0, 0.5, n) * (rng.random(n) < 0.2)
        )
        table["has_compare"] = faulty | (rng.random(n) < 0.2)
        # function and program attributes are constant within their object
        for var in DEFAULT_SCHEMA.function:
            table[var.name] = table.groupby("func_id")[var.name].transform("first")
        for var in DEFAULT_SCHEMA.program:
            table[var.name] = table[var.name].iloc[0]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def mixed_data(n=3000, seed=0):
    """A label and one variable of each leaf kind; the label shifts the histogram and the Gaussian."""
    rng = np.random.default_rng(seed)
    b = (rng.random(n) < 0.1).astype(float)
    x = np.clip(rng.beta(2, 5, n) + 0.3 * b, 0, 0.999)
    c = rng.integers(0, 4, n).astype(float)
    g = rng.normal(size=n) + b
    k = rng.poisson(2, n).astype(float)
    vars_ = [
        Var("faulty", "bernoulli"),
        Var("x", "histogram", bins=10),
        Var("c", "categorical", n_values=4),
        Var("g", "gaussian"),
        Var("k", "poisson"),
    ]
    return np.column_stack([b, x, c, g, k]), vars_
