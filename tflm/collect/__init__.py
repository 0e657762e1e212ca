"""Collecting spectra: run a project's pytest suite in a subprocess and record per-test line coverage.

>>> spectrum = collect("path/to/project", tests=["tests/test_core.py"], test_timeout=10)  # doctest: +SKIP
>>> spectrum.coverage.shape  # doctest: +SKIP
(42, 310)
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tflm.collect.files import DEFAULT_INCLUDE, DEFAULT_OMIT, find_sources, scratch_copy
from tflm.collect.interpreter import BACKENDS, choose_backend, locate, probe
from tflm.collect.runner import Limits, ProgressCallback, PytestSession, RunResult
from tflm.errors import CollectionError, InvalidParameterError, NothingToLocalize, SourceError, TflmError

# numpy, scipy and the modules built on them are imported where they are used, so that importing this
# package (the CLI, the pytest plugin) costs only the standard library.
if TYPE_CHECKING:
    import numpy as np
    import scipy.sparse as sp

    from tflm.source import SourceFile
    from tflm.spectrum import Spectrum

__all__ = ["BACKENDS", "DEFAULT_INCLUDE", "DEFAULT_OMIT", "Limits", "collect", "find_sources", "probe"]

log = logging.getLogger(__name__)


def collect(
    root: str | os.PathLike[str],
    *,
    tests: Sequence[str] | str = (),
    include: Sequence[str] | None = None,
    omit: Sequence[str] | None = None,
    python: str | os.PathLike[str] | None = None,
    test_timeout: float | None = 60.0,
    total_timeout: float | None = 3600.0,
    memory_limit: int | None = 4 * 1024**3,
    backend: str = "auto",
    copy: bool = True,
    progress: ProgressCallback | None = None,
    autoload_plugins: bool = True,
    extra_env: Mapping[str, str] | None = None,
) -> Spectrum:
    """Run the project's tests and return its :class:`~tflm.spectrum.Spectrum`.

    The tests run in a subprocess, in a scratch copy of ``root`` (never in ``root`` itself), with
    bytecode, cache and coverage files kept out of the user's tree.

    Parameters
    ----------
    root : path
        Project root; pytest runs from (a copy of) it.
    tests : sequence of str or str
        Extra pytest arguments selecting tests, e.g. ``["tests/test_x.py", "-k", "fast"]``; a string is split
        with shell rules.
    include, omit : sequence of str, optional
        gitignore-style patterns for the files that count as source (see :func:`find_sources`).
    python : path, optional
        Interpreter of the target's environment; defaults to the running one.
    test_timeout, total_timeout : float or None
        Seconds per test and for the whole run.
    memory_limit : int or None
        Address-space limit of the test process, in bytes.
    backend : {"auto", "sysmon", "coverage", "settrace"}
        Line tracer; ``auto`` picks ``sysmon`` on Python 3.12+, else coverage.py's C tracer.
    copy : bool
        Run in a scratch copy (default). With ``False`` the tests run in ``root`` with caches and bytecode
        writing disabled; use it only for suites known not to write files.
    progress : callable, optional
        ``progress(done, total, current)`` as tests finish.
    autoload_plugins : bool
        Let pytest load the environment's installed plugins (``PYTEST_DISABLE_PLUGIN_AUTOLOAD`` when False).
    extra_env : mapping, optional
        Environment variables for the test process; ``PYTHONPATH`` is prepended to the inherited one.

    Returns
    -------
    Spectrum

    Raises
    ------
    InterpreterError
        The interpreter is missing or has no pytest.
    CollectionError
        pytest could not collect any test (for example a syntax error in imported source).
    """
    root_path = Path(root).resolve()
    if not root_path.is_dir():
        raise TflmError(f"project root is not a directory: {root}")
    try:
        pytest_args = shlex.split(tests) if isinstance(tests, str) else list(tests)
    except ValueError as exc:  # an unclosed quote: the CLI checks this in argparse, the API here
        raise TflmError(f"cannot split the tests argument {tests!r}: {exc}") from None
    if backend not in BACKENDS:
        raise InvalidParameterError(f"unknown backend {backend!r}; choose from {', '.join(BACKENDS)}")
    exe = locate(python)
    limits = Limits(test_timeout=test_timeout, total_timeout=total_timeout, memory=memory_limit)
    with (
        tempfile.TemporaryDirectory(prefix="tflm-") as tmp,
        # Started first: the test interpreter imports pytest while the project is listed and copied.
        PytestSession(exe, Path(tmp), limits, progress, autoload_plugins, dict(extra_env or {})) as session,
    ):
        work = Path(tmp)
        # The interpreter probe (a subprocess, unless cached) runs while the project is listed and copied;
        # the sources are read and parsed while the tests run, since only the build of the spectrum needs
        # them.
        probing = _Background(probe, exe)
        rels = find_sources(root_path, include, omit)
        if not rels:
            probing.result()  # a broken interpreter is the first thing to fix
            raise TflmError(f"no Python source files under {root_path} match the include/omit patterns")
        parsing = _Background(_parse_sources, root_path, rels)
        run_root = scratch_copy(root_path, work / "project") if copy else root_path
        interp = probing.result()
        chosen = choose_backend(interp, backend)
        traced = [str(run_root / r) for r in rels] + ([str(root_path / r) for r in rels] if copy else [])
        # numpy and scipy are needed only to assemble the spectrum; they load while the tests run.
        _warm_up()
        result = session.run(interp, run_root, traced, [str(run_root), str(root_path)], pytest_args, chosen)
        sources, warnings = parsing.result()
        _usable(root_path, sources, warnings)
        if copy:  # messages should name the user's files, not our scratch copy
            for err in result.collect_errors:
                err["msg"] = err["msg"].replace(str(run_root), str(root_path))
            result.output_tail = result.output_tail.replace(str(run_root), str(root_path))
        spectrum = _build(root_path, [str(run_root), str(root_path)], sources, result)
    _check_usable(result, spectrum, root_path)
    collect_warnings = [
        f"pytest could not collect {e['where'] or 'the session'}: {e['error']}"
        for e in spectrum.meta["collect_errors"]
    ]
    collect_warnings += result.notes
    if spectrum.meta["not_run"] or not result.complete:
        collect_warnings.append(f"the run stopped early; {len(spectrum.meta['not_run'])} tests did not run")
    collect_warnings += _untraced_warning(spectrum.meta["untraced"])
    spectrum.meta.update(
        backend=chosen,
        python=".".join(map(str, interp.version)),
        interpreter=interp.path,
        pytest_args=pytest_args,
        warnings=[f"skipped {w}" for w in warnings] + collect_warnings,
    )
    return spectrum


def _untraced_warning(untraced: dict[str, str]) -> list[str]:
    if not untraced:
        return []
    first, why = next(iter(untraced.items()))
    more = f" and {len(untraced) - 1} more" if len(untraced) > 1 else ""
    return [
        f"{len(untraced)} tests switched coverage off while they ran ({first}{more}: {why}); tflm switched "
        "it back on for the tests after each, but what those tests ran after that point is missing"
    ]


class _Background:
    """Run ``fn(*args)`` in a daemon thread; :meth:`result` waits for it and returns or raises its
    outcome."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._outcome: tuple[bool, Any] = (False, None)
        self._thread = threading.Thread(target=self._run, args=(fn, *args), daemon=True)
        self._thread.start()

    def _run(self, fn: Callable[..., Any], *args: Any) -> None:
        try:
            self._outcome = (True, fn(*args))
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread by result()
            self._outcome = (False, exc)

    def result(self) -> Any:
        self._thread.join()
        ok, value = self._outcome
        if not ok:
            raise value
        return value


_WARM = threading.Lock()
_warm_started = False


def _import_array_stack() -> None:
    try:
        import numpy  # noqa: F401
        import scipy.sparse  # noqa: F401

        import tflm.spectrum  # noqa: F401
    except Exception:  # noqa: BLE001 - not ours to report: the same imports run again where needed
        log.debug("background import failed", exc_info=True)


def _warm_up() -> None:
    """Import the array stack in a background thread, once per process: it is needed only after the
    run."""
    global _warm_started
    with _WARM:
        if _warm_started:
            return
        _warm_started = True
    threading.Thread(target=_import_array_stack, name="tflm-warm-up", daemon=True).start()


def _usable(root: Path, sources: dict[str, SourceFile], warnings: list[str]) -> None:
    """Raise a SourceError saying why no source could be read, if none could."""
    if not sources:
        raise SourceError(f"no usable source file under {root}: {'; '.join(warnings)}")


def _parse_sources(root: Path, rels: list[str]) -> tuple[dict[str, SourceFile], list[str]]:
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


def _relative(path: str, roots: Sequence[str]) -> str | None:
    for root in roots:
        if path.startswith(root + os.sep):
            return path[len(root) + 1 :].replace(os.sep, "/")
    return None


def _build(root: Path, roots: Sequence[str], sources: dict[str, SourceFile], result: RunResult) -> Spectrum:
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
            {"where": e["where"], "error": _last_error_line(e["msg"], root)} for e in result.collect_errors
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
) -> sp.csr_matrix:
    """Tests × lines boolean matrix. Traced lines are gathered per file first, so the mapping to statement
    lines and columns runs once per file, vectorised, rather than once per test."""
    import numpy as np
    import scipy.sparse as sp

    file_idx = {f: i for i, f in enumerate(files)}
    per_file: dict[int, tuple[list[int], list[int]]] = {}
    for row, test in enumerate(tests):
        traced = [result.records[test].get("lines") or {}, result.coverage.get(test, {})]
        for fname, lines in (item for part in traced for item in part.items()):
            f = file_idx.get(_relative(fname, roots) or "")
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
    r, c = np.concatenate(r_parts), np.concatenate(c_parts)
    cov = sp.csr_matrix((np.ones(len(r), dtype=bool), (r, c)), shape=(len(tests), n_lines))
    cov.sum_duplicates()
    return cov


def _check_usable(result: RunResult, spectrum: Spectrum, root_path: Path) -> None:
    if spectrum.n_tests:
        return
    if result.collect_errors:
        first = result.collect_errors[0]
        detail = _last_error_line(first["msg"], root_path)
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


def _last_error_line(text: str, root: Path) -> str:
    """The gist of a pytest error report: its last ``E`` line, plus the last file:line it names."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    errs = [ln[2:].strip() for ln in lines if ln.startswith("E ")]
    gist = (errs[-1] if errs else lines[-1] if lines else "unknown error")[:500]
    places = _FILE_LINE.findall(text)
    if places:
        path, line = places[-1]
        rel = _relative(path, [str(root)]) or path
        gist += f" ({rel}:{line})"
    return gist
