"""Extracting a dataset: collect every bug of a corpus and cache its spectrum and line table on disk.

Output folder::

    OUT/
      bugs/ID.npz        # the spectrum (tflm.spectrum format)
      bugs/ID.parquet    # the line table, with the ``faulty`` label
      bugs/ID.json       # the bug's record: written last, so its presence means the bug is complete
      index.parquet      # one row per bug, rebuilt from the records at the end of every run
      .lock              # held while an extraction writes here

Every file is written to a temporary name and renamed into place, so a run killed at any point leaves only
complete files behind (and stray temporaries, which the next run ignores). Rerunning skips the bugs whose
record exists: nothing is lost and nothing is done twice. A bug whose collection fails gets a record with
``status = "failed"`` and the error; it does not stop the run (``retry_failed`` tries those again).

Bugs run in a local process pool, or on a Dask cluster when a scheduler address is given.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow.dataset as pa_dataset

from tflm.collect import collect
from tflm.corpora.bug import Bug, BugSource
from tflm.corpora.native import NativeCorpus
from tflm.errors import TflmError
from tflm.features.table import line_table

INDEX = "index.parquet"


def _stem(bug_id: str) -> str:
    return bug_id.replace("/", "__")


def _atomic(path: Path, write: Callable[[Path], None]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


def extract_one(source: BugSource, bug: Bug, out_dir: str) -> dict[str, Any]:
    """Collect one bug and write its files; returns its record. Runs in a worker process."""
    out = Path(out_dir) / "bugs"
    record: dict[str, Any] = {
        "id": bug.id,
        "base": bug.base,
        "kind": bug.kind,
        "operators": ",".join(bug.operators),
        "faulty": json.dumps(sorted(bug.truth.lines)),
    }
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="tflm-extract-") as tmp:
            root, options = source.prepare(bug, Path(tmp))
            spectrum = collect(root, **options)
        table = line_table(spectrum)
        table.insert(0, "bug", bug.id)
        table["faulty"] = [
            (f, int(n)) in bug.truth.lines for f, n in zip(table["file"], table["line"], strict=True)
        ]
        counts = spectrum.outcome_counts()
        _atomic(out / f"{_stem(bug.id)}.npz", spectrum.save)
        _atomic(out / f"{_stem(bug.id)}.parquet", lambda p: table.to_parquet(p, index=False))
        record.update(
            status="ok",
            error="",
            n_tests=counts["total"],
            n_failing=counts["failing"],
            n_lines=spectrum.n_lines,
            n_faulty_found=int(table["faulty"].sum()),
        )
    except TflmError as exc:
        record.update(
            status="failed", error=str(exc)[:500], n_tests=0, n_failing=0, n_lines=0, n_faulty_found=0
        )
    record["seconds"] = round(time.perf_counter() - t0, 3)
    _atomic(out / f"{_stem(bug.id)}.json", lambda p: p.write_text(json.dumps(record), encoding="utf-8"))
    return record


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise TflmError(
                f"another extraction is writing to {out}; wait for it or use another folder"
            ) from None
        yield


def read_records(out: Path) -> dict[str, dict[str, Any]]:
    """The records of the bugs already extracted into ``out`` (complete ones only)."""
    records = {}
    for path in sorted((out / "bugs").glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # never half-written (atomic rename); unreadable means damaged: redo the bug
        records[rec["id"]] = rec
    return records


def extract(
    source: BugSource | str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    retry_failed: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Extract every bug of a corpus into ``out``; returns the index (one row per bug).

    Parameters
    ----------
    source : BugSource or path
        A corpus (:class:`NativeCorpus`, :class:`QuixBugs`, :class:`BugsInPy`), or a native corpus folder.
    out : path
        Dataset folder; created if needed, resumed if it holds an earlier run.
    workers : int
        Local worker processes (ignored with ``scheduler``).
    scheduler : str, optional
        Address of a Dask distributed scheduler (``tcp://host:8786``); its workers need tflm installed.
    retry_failed : bool
        Run again the bugs recorded as failed.
    """
    corpus = source if hasattr(source, "prepare") else NativeCorpus(source)  # type: ignore[arg-type]
    out_path = Path(out).resolve()
    with _locked(out_path):
        (out_path / "bugs").mkdir(exist_ok=True)
        bugs: list[Bug] = corpus.bugs()
        done = read_records(out_path)
        todo = [b for b in bugs if b.id not in done or (retry_failed and done[b.id]["status"] == "failed")]
        n_done = len(bugs) - len(todo)
        if progress:
            progress(n_done, len(bugs))
        args = [(corpus, bug, str(out_path)) for bug in todo]
        for _ in _run_dask(args, scheduler) if scheduler else _run_local(args, workers):
            n_done += 1
            if progress:
                progress(n_done, len(bugs))
        records = read_records(out_path)
        index = pd.DataFrame([records[b.id] for b in bugs if b.id in records])
        _atomic(out_path / INDEX, lambda p: index.to_parquet(p, index=False))
    return index


def _run_local(args: list[tuple[BugSource, Bug, str]], workers: int) -> Iterator[dict[str, Any]]:
    if not args:
        return
    with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(extract_one, *a) for a in args]
        for fut in as_completed(futures):
            yield fut.result()


def _run_dask(args: list[tuple[BugSource, Bug, str]], scheduler: str) -> Iterator[dict[str, Any]]:
    try:
        from dask.distributed import Client
        from dask.distributed import as_completed as dask_completed
    except ImportError:
        raise TflmError("--scheduler needs Dask: pip install 'tflm[dask]'") from None
    if not args:
        return
    try:
        client = Client(scheduler, timeout="10s")
    except OSError as exc:
        raise TflmError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        futures = [client.submit(extract_one, *a, pure=False) for a in args]
        for fut in dask_completed(futures):
            yield fut.result()


def load_dataset(out: str | os.PathLike[str], status: str = "ok") -> pd.DataFrame:
    """All line tables of an extracted dataset in one DataFrame (one row per line of every bug)."""
    out_path = Path(out)
    try:
        index = pd.read_parquet(out_path / INDEX)
    except (OSError, ValueError) as exc:
        raise TflmError(f"{out}: no readable dataset index ({exc})") from None
    ids = index.loc[index["status"] == status, "id"]
    if ids.empty:
        return pd.DataFrame()
    files = [str(out_path / "bugs" / f"{_stem(i)}.parquet") for i in ids]
    try:  # one multi-threaded Arrow scan: several times faster than a read per file
        data = pa_dataset.dataset(files, format="parquet").to_table().to_pandas()
    except (OSError, ValueError) as exc:
        raise TflmError(f"{out}: a line table is unreadable ({exc}); rerun the extraction") from None
    data["file"] = data["file"].astype(str)
    data["faulty"] = data["faulty"].astype(np.bool_)
    return data
