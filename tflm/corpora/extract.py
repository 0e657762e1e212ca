"""Extracting a dataset: collect every bug of a corpus and cache its spectrum and line table on disk.

Output folder::

    OUT/
      bugs/ID.npz        # the spectrum (tflm.spectrum format)
      bugs/ID.parquet    # the line table, with the ``faulty`` label (its table version in its metadata)
      bugs/ID.json       # the bug's record, with the table version: written last, so its presence means
                         # the bug is complete
      index.parquet      # one row per bug, rebuilt from the records at the end of every run
      .lock              # held while an extraction writes here

``ID`` stands for the bug id's file name stem (:func:`bug_stem`): one-to-one, so no two bugs share files.
An id that cannot name a bug — empty, too long, with control characters — gets a failed record saying why;
the rest of the corpus extracts as usual.

Every file is written to a temporary name and renamed into place, so a run killed at any point leaves only
complete files behind (and stray temporaries, which the next run ignores). Rerunning skips the bugs whose
record exists: nothing is lost and nothing is done twice. A bug whose collection fails gets a record with
``status = "failed"`` and the error; it does not stop the run (``retry_failed`` tries those again).
A line table built with another :data:`~tflm.features.columns.TABLE_VERSION` (by another tflm) is stale:
a rerun extracts its bug again, and :func:`load_dataset` refuses to read it.

Bugs run in a local process pool, or on a Dask cluster when a scheduler address is given.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd
import pyarrow.dataset as pa_dataset

from tflm.collection import collect
from tflm.corpora.bug import Bug, BugSource
from tflm.corpora.native import NativeCorpus
from tflm.errors import DataError, TflmError
from tflm.features.columns import LABEL, PROGRAM_KEY, TABLE_COLUMNS, TABLE_VERSION, VERSION_KEY
from tflm.features.table import line_table

log = logging.getLogger(__name__)

INDEX = "index.parquet"
#: Longest bug id accepted (the file names do not grow with it: long ids get a hashed stem).
MAX_ID = 1000
#: Longest id written as its readable stem; longer ones get a hashed one, so file names stay short.
MAX_PLAIN = 150
# A path component that "/" -> "__" keeps recoverable: no "__" inside and no "_" at either end, so every
# "__" of the stem is a separator. Starting with a letter or digit keeps stems from being hidden files.
_PLAIN_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*(?:_[A-Za-z0-9.-]+)*")


def _legacy_stem(bug_id: str) -> str:
    """The stem tflm used before :func:`bug_stem` (it mapped ``a/b`` and ``a__b`` to one name)."""
    return bug_id.replace("/", "__")


def bug_stem(bug_id: str) -> str:
    """The file name stem of a bug's files: one-to-one on ids.

    A plain id (letters, digits, ``.``, ``-``, single ``_``, components joined by ``/``) keeps its
    readable name with ``/`` written ``__``, as before. Any other id gets a sanitised prefix and a hash of
    the whole id after a ``~``, a character plain stems never hold, so the two kinds never meet.
    """
    parts = bug_id.split("/")
    if len(bug_id) <= MAX_PLAIN and all(_PLAIN_PART.fullmatch(p) for p in parts):
        return "__".join(parts)
    readable = re.sub(r"[^A-Za-z0-9.-]+", "-", bug_id).strip(".-")[:48] or "bug"
    digest = hashlib.sha256(bug_id.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return f"{readable}~{digest}"


def id_problem(bug_id: str) -> str | None:
    """Why ``bug_id`` cannot name a bug (its record says so), or None when it can."""
    if not bug_id:
        return "the bug id is empty"
    if len(bug_id) > MAX_ID:
        return f"the bug id is {len(bug_id)} characters long; at most {MAX_ID} are allowed"
    if any(unicodedata.category(c) == "Cc" for c in bug_id):
        return f"the bug id {bug_id[:60]!r} contains control characters"
    return None


def _check_ids(bugs: list[Bug]) -> None:
    """Refuse, before any work, the ids no record could hold: non-strings, text that is not valid Unicode
    (the index could not store it), ids listed twice, and distinct ids with one stem."""
    bad = [repr(b.id)[:80] for b in bugs if not isinstance(b.id, str)]
    bad += [repr(b.id)[:80] for b in bugs if isinstance(b.id, str) and _has_surrogates(b.id)]
    if bad:
        raise TflmError(f"bug ids that cannot be stored (not valid text): {', '.join(bad[:10])}")
    twice = [i for i, n in Counter(b.id for b in bugs).items() if n > 1]
    if twice:
        raise TflmError(f"the corpus lists bug ids more than once: {', '.join(map(repr, twice[:10]))}")
    by_stem = Counter(bug_stem(b.id) for b in bugs)
    shared = [b.id for b in bugs if by_stem[bug_stem(b.id)] > 1]
    if shared:  # a hash collision: never seen, but two bugs must never share files
        raise TflmError(f"bug ids with the same file name: {', '.join(map(repr, shared[:10]))}")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _atomic(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    write(tmp)
    os.replace(tmp, path)


def _failed(error: str) -> dict[str, Any]:
    return {"status": "failed", "error": error[:500], "n_tests": 0, "n_failing": 0, "n_lines": 0}


def extract_one(source: BugSource, bug: Bug, out_dir: str) -> dict[str, Any]:
    """Collect one bug and write its files; returns its record. Runs in a worker process."""
    out = Path(out_dir) / "bugs"
    stem = bug_stem(bug.id)
    record: dict[str, Any] = {
        "id": bug.id,
        "stem": stem,  # also marks a record of this naming scheme (see read_records)
        "base": bug.base,
        "kind": bug.kind,
        "operators": ",".join(bug.operators),
        "faulty": json.dumps(sorted(bug.truth.lines)),
        "table_version": TABLE_VERSION,
    }
    t0 = time.perf_counter()
    problem = id_problem(bug.id)
    if problem:
        record.update(_failed(problem), n_faulty_found=0)
    else:
        try:
            record.update(_collect_one(source, bug, out / stem))
        except TflmError as exc:
            record.update(_failed(str(exc)), n_faulty_found=0)
    record["seconds"] = round(time.perf_counter() - t0, 3)
    _atomic(out / f"{stem}.json", lambda p: p.write_text(json.dumps(record), encoding="utf-8"))
    return record


def _collect_one(source: BugSource, bug: Bug, files: Path) -> dict[str, Any]:
    """Collect ``bug``, write its spectrum and line table to ``files`` + ``.npz`` / ``.parquet``; the
    record's outcome fields."""
    with tempfile.TemporaryDirectory(prefix="tflm-extract-") as tmp:
        root, options = source.prepare(bug, Path(tmp))
        spectrum = collect(root, **options)
    table = line_table(spectrum)  # its attrs carry the table version into the Parquet file's metadata
    table.insert(0, PROGRAM_KEY, bug.id)
    table[LABEL] = [(f, int(n)) in bug.truth.lines for f, n in zip(table["file"], table["line"], strict=True)]
    counts = spectrum.outcome_counts()
    _atomic(files.with_name(f"{files.name}.npz"), spectrum.save)
    _atomic(files.with_name(f"{files.name}.parquet"), lambda p: table.to_parquet(p, index=False))
    return {
        "status": "ok",
        "error": "",
        "n_tests": counts["total"],
        "n_failing": counts["failing"],
        "n_lines": spectrum.n_lines,
        "n_faulty_found": int(table[LABEL].sum()),
    }


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


def read_records(out: Path, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The records of the bugs already extracted into ``out`` (complete ones only), by id.

    Every record carries ``stem``, the name of its files. Records written before :func:`bug_stem` existed
    have no ``stem`` field and sit under the old name; they are kept unless another id (among ``ids``, the
    corpus's bug ids, when given) had that same old name: then the files may be the other bug's, and the
    bug is left out so that it is extracted again.
    """
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((out / "bugs").glob("*.json")):
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # never half-written (atomic rename); unreadable means damaged: redo the bug
        if isinstance(rec, dict) and isinstance(rec.get("id"), str):
            found.append((path.stem, rec))
    known = list(ids) if ids is not None else [rec["id"] for _, rec in found]
    old_names = Counter(_legacy_stem(i) for i in known)
    current: dict[str, dict[str, Any]] = {}
    legacy: dict[str, dict[str, Any]] = {}
    for stem, rec in found:
        if "stem" in rec:
            if rec["stem"] == stem == bug_stem(rec["id"]):
                current[rec["id"]] = rec
        elif stem == _legacy_stem(rec["id"]) and old_names[stem] <= 1:
            legacy[rec["id"]] = {**rec, "stem": stem}
    return {**legacy, **current}  # a bug extracted again under its new name: the new record wins


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
    # cast: hasattr() does not tell mypy that a str or a path is not a corpus
    corpus = cast(BugSource, source) if hasattr(source, "prepare") else NativeCorpus(source)
    out_path = Path(out).resolve()
    with _locked(out_path):
        (out_path / "bugs").mkdir(exist_ok=True)
        bugs: list[Bug] = corpus.bugs()
        _check_ids(bugs)
        ids = [b.id for b in bugs]
        done = read_records(out_path, ids)
        stale = [b for b in bugs if b.id in done and _stale(done[b.id])]
        if stale:
            log.warning(
                "%s: %d line tables were built with another table version (this tflm writes version %d); "
                "extracting those bugs again",
                out_path,
                len(stale),
                TABLE_VERSION,
            )
        todo = [
            b
            for b in bugs
            if b.id not in done or _stale(done[b.id]) or (retry_failed and done[b.id]["status"] == "failed")
        ]
        n_done = len(bugs) - len(todo)
        if progress:
            progress(n_done, len(bugs))
        args = [(corpus, bug, str(out_path)) for bug in todo]
        for _ in _run_dask(args, scheduler) if scheduler else _run_local(args, workers):
            n_done += 1
            if progress:
                progress(n_done, len(bugs))
        records = read_records(out_path, ids)
        index = pd.DataFrame([records[b.id] for b in bugs if b.id in records])
        _atomic(out_path / INDEX, lambda p: index.to_parquet(p, index=False))
    return index


def _stale(record: dict[str, Any]) -> bool:
    """Whether an extracted bug's line table was built with another table version than this tflm's."""
    return bool(record["status"] == "ok" and record.get("table_version") != TABLE_VERSION)


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
    _check_versions(index.loc[ids.index], out)
    # Indexes written before the ``stem`` column existed name every bug's files the old way.
    stems = index.loc[ids.index, "stem"] if "stem" in index else pd.Series(index=ids.index, dtype=object)
    files = [
        str(out_path / "bugs" / f"{s if isinstance(s, str) else _legacy_stem(i)}.parquet")
        for i, s in zip(ids, stems, strict=True)
    ]
    try:  # one multi-threaded Arrow scan: several times faster than a read per file
        data = pa_dataset.dataset(files, format="parquet").to_table().to_pandas()
    except (OSError, ValueError) as exc:
        raise TflmError(f"{out}: a line table is unreadable ({exc}); rerun the extraction") from None
    missing = [c.name for c in TABLE_COLUMNS if c.name not in data]
    if missing:
        raise DataError(f"{out}: the line tables lack the columns {', '.join(missing)}; rerun the extraction")
    data["file"] = data["file"].astype(str)
    data[LABEL] = data[LABEL].astype(np.bool_)
    data.attrs[VERSION_KEY] = TABLE_VERSION
    return data


def _check_versions(rows: pd.DataFrame, out: str | os.PathLike[str]) -> None:
    """Raise :class:`DataError` unless every bug of ``rows`` (index rows) has a table of this version."""
    versions = rows["table_version"] if "table_version" in rows else pd.Series(np.nan, index=rows.index)
    stale = versions[versions != TABLE_VERSION]
    if stale.empty:
        return
    found = sorted(
        {"none recorded" if pd.isna(v) else f"{v:g}" if isinstance(v, float) else str(v) for v in stale}
    )
    raise DataError(
        f"{out}: {len(stale)} of its {len(rows)} line tables were built with another table version "
        f"({', '.join(found)}) than this tflm reads ({TABLE_VERSION}); run tflm corpus extract on the "
        "corpus with this folder again: it extracts those bugs again"
    )
