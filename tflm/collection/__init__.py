"""Collecting spectra: run a project's pytest suite in a subprocess and record per-test line coverage.

>>> spectrum = collect("path/to/project", tests=["tests/test_core.py"], test_timeout=10)  # doctest: +SKIP
>>> spectrum.coverage.shape  # doctest: +SKIP
(42, 310)
"""

from __future__ import annotations

import logging
import os
import shlex
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tflm.collection.assemble import build_spectrum, check_sources, check_usable, parse_sources
from tflm.collection.files import DEFAULT_INCLUDE, DEFAULT_OMIT, find_sources, scratch_copy
from tflm.collection.interpreter import BACKENDS, choose_backend, locate, probe
from tflm.collection.runner import Limits, ProgressCallback, PytestSession
from tflm.errors import InvalidParameterError, TflmError

# numpy, scipy and the modules built on them are imported where they are used, so that importing this
# package (the CLI, the pytest plugin) costs only the standard library.
if TYPE_CHECKING:
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
        parsing = _Background(parse_sources, root_path, rels)
        run_root = scratch_copy(root_path, work / "project") if copy else root_path
        interp = probing.result()
        chosen = choose_backend(interp, backend)
        traced = [str(run_root / r) for r in rels] + ([str(root_path / r) for r in rels] if copy else [])
        # numpy is needed only to assemble the spectrum; it loads while the tests run.
        _warm_up()
        result = session.run(interp, run_root, traced, [str(run_root), str(root_path)], pytest_args, chosen)
        sources, warnings = parsing.result()
        check_sources(root_path, sources, warnings)
        if copy:  # messages should name the user's files, not our scratch copy
            for err in result.collect_errors:
                err["msg"] = err["msg"].replace(str(run_root), str(root_path))
            result.output_tail = result.output_tail.replace(str(run_root), str(root_path))
        spectrum = build_spectrum(root_path, [str(run_root), str(root_path)], sources, result)
    check_usable(result, spectrum, root_path)
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
        import tflm.spectrum  # noqa: F401 - and numpy; building and saving a spectrum needs no scipy
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
