"""Assembling a :class:`~tflm.spectrum.Spectrum` from the collector plugin's events and the parsed sources.

Shared by the subprocess run (:func:`tflm.collect`) and the in-process one (``pytest --tflm``).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tflm.collection.runner import RunResult
from tflm.errors import CollectionError, NothingToLocalize, SourceError, TflmError

# numpy loads where it is used: the in-process path imports this module in every pytest --tflm.
if TYPE_CHECKING:
    import numpy as np

    from tflm.source import SourceFile
    from tflm.spectrum import CoverageRows, Spectrum

log = logging.getLogger(__name__)


def check_sources(root: Path, sources: dict[str, SourceFile], warnings: list[str]) -> None:
    """Raise a SourceError saying why no source could be read, if none could."""
    if not sources:
        raise SourceError(f"no usable source file under {root}: {'; '.join(warnings)}")


def parse_sources(root: Path, rels: list[str]) -> tuple[dict[str, SourceFile], list[str]]:
    """Read and parse ``rels``, with the statement maps that reading the traces needs."""
    from tflm.source import SourceFile

    sources: dict[str, SourceFile] = {}
    warnings: list[str] = []
    for rel in rels:
        try:
            source = sources[rel] = SourceFile.read(root / rel, rel)
        except TflmError as exc:
            # A broken file that no test imports still deserves a word; one that is imported shows up as a
            # collection error with pytest's own message.
            warnings.append(str(exc))
            log.warning("skipped %s", exc)
            continue
        source.executable_lines  # noqa: B018 - cached properties, computed off the critical path
        source.statement_map  # noqa: B018
    return sources, warnings


def relative(path: str, roots: Sequence[str]) -> str | None:
    for root in roots:
        if path.startswith(root + os.sep):
            return path[len(root) + 1 :].replace(os.sep, "/")
    return None


def build_spectrum(
    root: Path, roots: Sequence[str], sources: dict[str, SourceFile], result: RunResult
) -> Spectrum:
    import numpy as np

    from tflm.spectrum import FAILING, Failure, Spectrum

    files = sorted(sources)
    exec_lines = [sources[f].executable_lines for f in files]
    line_file = np.concatenate([np.full(len(x), i, dtype=np.int64) for i, x in enumerate(exec_lines)])
    line_no = np.concatenate(exec_lines) if exec_lines else np.zeros(0, dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum([len(x) for x in exec_lines])])

    listed = set(result.collected)
    tests = [t for t in result.collected if t in result.records]
    tests += [t for t in result.records if t not in listed]  # records of tests pytest never listed
    cov = _coverage_matrix(tests, result, roots, sources, files, offsets, len(line_no))

    failures = {}
    for test in tests:
        rec = result.records[test]
        if rec.get("exc") and rec["outcome"] in FAILING:
            frames = tuple((str(f), int(n)) for f, n in rec.get("frames") or [])
            failures[test] = Failure(rec["exc"], frames, rec.get("msg") or "")
    outcomes = np.asarray([result.records[t]["outcome"] for t in tests], dtype=str).reshape(len(tests))
    # Tests that switched tracing off (the collector re-armed it after each): what they ran afterwards is
    # missing, so the spectrum is not complete.
    untraced = {t: str(result.records[t]["untraced"]) for t in tests if result.records[t].get("untraced")}
    meta: dict[str, Any] = {
        "complete": result.complete and not untraced,
        "untraced": untraced,
        "restarts": result.restarts,
        "not_run": sorted(set(result.collected) - set(result.records)),
        "collect_errors": [
            {"where": e["where"], "error": last_error_line(e["msg"], root)} for e in result.collect_errors
        ],
    }
    return Spectrum(
        root=str(root),
        files=files,
        line_file=line_file,
        line_no=line_no,
        tests=tests,
        outcomes=outcomes,
        durations=np.asarray([float(result.records[t].get("dur") or 0.0) for t in tests]),
        coverage=cov,
        failures=failures,
        meta=meta,
        sources={f: sources[f].text for f in files},
    )


def _coverage_matrix(
    tests: list[str],
    result: RunResult,
    roots: Sequence[str],
    sources: dict[str, SourceFile],
    files: list[str],
    offsets: np.ndarray,
    n_lines: int,
) -> CoverageRows:
    """Tests × lines boolean matrix. Traced lines are gathered per file first, so the mapping to statement
    lines and columns runs once per file, vectorised, rather than once per test."""
    import numpy as np

    from tflm.spectrum import CoverageRows

    file_idx = {f: i for i, f in enumerate(files)}
    per_file: dict[int, tuple[list[int], list[int]]] = {}
    for row, test in enumerate(tests):
        traced = [result.records[test].get("lines") or {}, result.coverage.get(test, {})]
        for fname, lines in (item for part in traced for item in part.items()):
            f = file_idx.get(relative(fname, roots) or "")
            if f is None:
                continue
            rows, lns = per_file.setdefault(f, ([], []))
            rows.extend([row] * len(lines))
            lns.extend(lines)
    r_parts, c_parts = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for f, (rows, lns) in per_file.items():
        keep, cols = sources[files[f]].columns(np.asarray(lns, dtype=np.int64))
        r_parts.append(np.asarray(rows, dtype=np.int64)[keep])
        c_parts.append(offsets[f] + cols)
    return CoverageRows.from_pairs(np.concatenate(r_parts), np.concatenate(c_parts), (len(tests), n_lines))


def check_usable(result: RunResult, spectrum: Spectrum, root_path: Path) -> None:
    if spectrum.n_tests:
        return
    if result.collect_errors:
        first = result.collect_errors[0]
        detail = last_error_line(first["msg"], root_path)
        raise CollectionError(
            f"pytest could not import the tests ({len(result.collect_errors)} collection error(s)); "
            f"first in {first['where'] or 'the session'}: {detail}"
        )
    said = result.output_tail[-2000:].strip() or "(it printed nothing)"
    notes = "".join(f"\n{n}" for n in result.notes)
    if not result.collected and result.exit_status not in (None, 0, 5):
        raise CollectionError(
            f"pytest exited with status {result.exit_status} before running any test (a conftest or plugin "
            f"calling sys.exit, or a usage error):\n{said}{notes}"
        )
    if not result.collected and result.exit_status is None:
        raise CollectionError(f"the test process died before collecting tests:\n{said}{notes}")
    raise NothingToLocalize("pytest collected no tests: there is nothing to localize")


_FILE_LINE = re.compile(r'File "([^"]+)", line (\d+)')


def last_error_line(text: str, root: Path) -> str:
    """The gist of a pytest error report: its last ``E`` line, plus the last file:line it names."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    errs = [ln[2:].strip() for ln in lines if ln.startswith("E ")]
    gist = (errs[-1] if errs else lines[-1] if lines else "unknown error")[:500]
    places = _FILE_LINE.findall(text)
    if places:
        path, line = places[-1]
        rel = relative(path, [str(root)]) or path
        gist += f" ({rel}:{line})"
    return gist
