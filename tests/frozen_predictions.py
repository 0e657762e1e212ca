"""The shipped model's frozen predictions: which bugs, how their inputs are made, which queries are asked.

Shared by ``tests/test_frozen_predictions.py`` (which recomputes and compares) and by its ``__main__``, which
writes ``tests/fixtures/frozen_predictions.npz`` at the current commit::

    PYTHONPATH=. python tests/frozen_predictions.py

Only predictions, line numbers, file names and digests are stored: never a QuixBugs program or source.
The file is an ``.npz`` of plain arrays (``allow_pickle=False`` reads it) plus a JSON ``header`` member.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tflm.collection import collect
from tflm.corpora.native import NativeCorpus
from tflm.corpora.quixbugs import QuixBugs
from tflm.features.table import line_table
from tflm.model import TFLM
from tflm.rspn.schema import design

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "fixtures" / "frozen_predictions.npz"
#: Where CI (and a developer's checkout) finds the QuixBugs checkout: beside the repository, never in it.
QUIXBUGS = REPO.parent / "shared" / "corpora" / "quixbugs"
NATIVE = REPO / "corpora" / "native"
#: QuixBugs programs left out: a test of theirs hits the per-test timeout, and what a timed-out test
#: covered depends on how far it got, so their spectra differ from run to run.
QUIXBUGS_TIMING = frozenset({"bitcount", "sqrt", "find_first_in_sorted", "levenshtein"})
#: The native sample: the first single-fault bug of each of these bases, and two multi-fault bugs. Picked
#: at the first writing among bugs whose tests all finish well within the per-test timeout.
NATIVE_BASES = 12
NATIVE_MULTI = 2
#: The queries frozen, by the suffix of their arrays: the default P(bug), exactly one bug, and feedback
#: (the top line of the default query marked clean).
QUERIES = ("p", "bugs1", "clean_top")


def quixbugs_bugs() -> list[tuple[Any, Any]]:
    source = QuixBugs(QUIXBUGS, test_timeout=10.0)
    return [(source, b) for b in source.bugs() if b.base not in QUIXBUGS_TIMING]


def native_bugs(ids: list[str] | None = None) -> list[tuple[Any, Any]]:
    """The native sample: ``ids`` when given (as stored), else picked as :data:`NATIVE_BASES` says."""
    corpus = NativeCorpus(NATIVE)
    bugs = corpus.bugs()
    if ids is None:
        single: dict[str, Any] = {}
        for b in bugs:
            if b.kind == "single":
                single.setdefault(b.base, b)
        multi = [b for b in bugs if b.kind == "multi"][:NATIVE_MULTI]
        picked = list(single.values())[:NATIVE_BASES] + multi
    else:
        by_id = {b.id: b for b in bugs}
        picked = [by_id[i] for i in ids]
    return [(corpus, b) for b in picked]


def table_of(source: Any, bug: Any) -> tuple[pd.DataFrame, dict[str, int]]:
    """The bug's line table, collected afresh, and its tests' outcome counts."""
    with tempfile.TemporaryDirectory(prefix="tflm-frozen-") as tmp:
        root, options = source.prepare(bug, Path(tmp))
        spectrum = collect(root, **options)
    return line_table(spectrum), spectrum.outcome_counts()


def tables(bugs: list[tuple[Any, Any]], workers: int = 3) -> dict[str, tuple[pd.DataFrame, dict[str, int]]]:
    """:func:`table_of` every bug, in worker processes: collection waits on subprocesses, so they overlap.
    Not threads: collect parses sources in a thread of its own, and on Python 3.11 two ``ast.parse`` calls
    in one process at once can fail ("AST constructor recursion depth mismatch", a CPython bug)."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        done = pool.map(table_of, *zip(*bugs, strict=True))
        return {b.id: t for (_, b), t in zip(bugs, done, strict=True)}


def input_digest(model: TFLM, table: pd.DataFrame) -> str:
    """SHA-256 of exactly what the model reads of ``table``: its class matrices and part-whole links."""
    d = design(table, model.members_[0].schema, with_label=False)
    h = hashlib.sha256()
    for a in (d.line_x, d.func_x, d.prog_x, d.line_func, d.func_prog):
        a = np.ascontiguousarray(a)
        h.update(f"{a.dtype.str} {a.shape}\n".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def predictions(model: TFLM, table: pd.DataFrame) -> dict[str, np.ndarray]:
    """The frozen queries (:data:`QUERIES`) on one program's line table."""
    p = model.predict_proba(table)
    top = int(np.argmax(p))
    clean = [(str(table["file"].iloc[top]), int(table["line"].iloc[top]))]
    return {
        "p": p,
        "bugs1": model.predict_proba(table, bugs=1),
        "clean_top": model.predict_proba(table, clean=clean),
    }


def read(path: Path = DATA) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The stored header and arrays."""
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    header = json.loads(arrays.pop("header").tobytes().decode("utf-8"))
    return header, arrays


def main(out: Path = DATA) -> None:
    if not QUIXBUGS.is_dir():
        sys.exit(f"no QuixBugs checkout at {QUIXBUGS}")
    model = TFLM.load()
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "tflm"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    header: dict[str, Any] = {
        "format": "tflm-frozen-predictions",
        "commit": commit,
        "tflm_changed_since_commit": bool(dirty),
        "model": "tflm/models/default.npz",
        "queries": list(QUERIES),
        "bugs": {},
    }
    arrays: dict[str, np.ndarray] = {}
    for corpus, bugs in (("native", native_bugs()), ("quixbugs", quixbugs_bugs())):
        for bug_id, (table, counts) in tables(bugs).items():
            if counts["timeout"] or counts["crashed"]:
                print(f"left out {bug_id}: {counts}")
                continue
            files = [str(f) for f in table["file"].cat.categories]
            header["bugs"][bug_id] = {"corpus": corpus, "files": files, "input": input_digest(model, table)}
            arrays[f"{bug_id}/file"] = table["file"].cat.codes.to_numpy().astype(np.int32)
            arrays[f"{bug_id}/line"] = table["line"].to_numpy().astype(np.int32)
            for name, values in predictions(model, table).items():
                arrays[f"{bug_id}/{name}"] = np.asarray(values, dtype=np.float64)
    out.parent.mkdir(exist_ok=True)
    raw = np.frombuffer(json.dumps(header, indent=1).encode(), dtype=np.uint8)
    np.savez_compressed(out, header=raw, **arrays)
    print(f"{out}: {len(header['bugs'])} bugs, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
