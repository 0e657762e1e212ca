"""Finding out what the target's Python interpreter can do, and picking a tracing backend for it."""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tflm.collection import interpreter_cache
from tflm.errors import InterpreterError, InvalidParameterError

BACKENDS = ("auto", "sysmon", "coverage", "settrace")

_MODULES = ("pytest", "coverage", "pytest_cov", "xdist")
_PROBE = rf"""
import json, sys, importlib.util as u
print(json.dumps({{
    "version": list(sys.version_info[:3]),
    "executable": sys.executable,
    "mods": {{m: u.find_spec(m) is not None for m in {_MODULES!r}}},
    "path": [p for p in sys.path if p],
}}))
"""


@dataclass(frozen=True)
class Interpreter:
    """A Python interpreter that will run the target's tests."""

    path: str
    version: tuple[int, int, int]
    has_pytest: bool
    has_coverage: bool
    has_pytest_cov: bool
    has_xdist: bool

    @property
    def has_sysmon(self) -> bool:
        return self.version >= (3, 12)


def probe(python: str | os.PathLike[str] | None = None) -> Interpreter:
    """Inspect ``python`` (default: this interpreter): this process answers for itself, any other
    interpreter is asked in a subprocess, whose answer is kept while the binary and its ``sys.path``
    directories are unchanged (in this process and on disk: :mod:`tflm.collection.interpreter_cache`).

    Raises
    ------
    InterpreterError
        If it does not exist, does not run, or has no pytest.
    """
    exe = locate(python)
    if exe == os.path.abspath(sys.executable):
        # The same path, not merely the same file: venvs' pythons are links to one base interpreter.
        return _checked(
            exe, tuple(sys.version_info[:3]), {m: importlib.util.find_spec(m) is not None for m in _MODULES}
        )
    stat = Path(exe).stat()
    return _probe(exe, stat.st_mtime_ns, stat.st_ino)


def locate(python: str | os.PathLike[str] | None = None) -> str:
    """The absolute path of ``python`` (a path, or a name on ``PATH``; default: this interpreter).

    Raises
    ------
    InterpreterError
        If it does not exist or is not an executable file.
    """
    exe = str(python) if python is not None else sys.executable
    if python is not None and os.sep not in exe and not Path(exe).exists():
        exe = shutil.which(exe) or exe
    if not Path(exe).exists():
        raise InterpreterError(f"Python interpreter not found: {exe}")
    # Absolute, because pytest runs from another directory; symlinks are kept, since a venv's python is
    # a link whose target would leave the venv.
    exe = os.path.abspath(exe)
    if not os.access(exe, os.X_OK) or Path(exe).is_dir():
        raise InterpreterError(f"not an executable Python interpreter: {exe}")
    return exe


@functools.lru_cache(maxsize=16)
def _probe(exe: str, mtime_ns: int, inode: int) -> Interpreter:
    info = interpreter_cache.lookup(exe)
    asked = not _well_formed(info)
    if asked:
        info = _ask(exe)
    assert info is not None  # well formed, or just asked
    interp = _checked(exe, tuple(info["version"]), info["mods"])
    if asked:
        # Stored after the check passed: the fix for an interpreter that failed (installing pytest) might
        # land in a directory its sys.path does not list yet.
        interpreter_cache.store(exe, {k: info[k] for k in ("version", "mods")}, info.get("path", []))
    return interp


def _well_formed(info: dict[str, Any] | None) -> bool:
    return (
        isinstance(info, dict)
        and isinstance(info.get("version"), list)
        and len(info["version"]) == 3
        and all(isinstance(v, int) for v in info["version"])
        and isinstance(info.get("mods"), dict)
        and all(isinstance(info["mods"].get(m), bool) for m in _MODULES)
    )


def _ask(exe: str) -> dict[str, Any]:
    """The probe's answer from a run of ``exe``."""
    try:
        out = subprocess.run(
            [exe, "-c", _PROBE], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterError(f"cannot run {exe}: {exc}") from None
    try:
        info: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])  # checked below
    except (ValueError, IndexError):
        raise InterpreterError(
            f"{exe} is not a working Python 3 interpreter: {out.stderr.strip()[-300:]}"
        ) from None
    if not _well_formed(info):
        raise InterpreterError(f"{exe} answered the probe with {out.stdout.strip()[-300:]!r}")
    return info


def _checked(exe: str, version: tuple[int, ...], mods: dict[str, bool]) -> Interpreter:
    interp = Interpreter(
        path=exe,
        version=version,  # type: ignore[arg-type]
        has_pytest=mods["pytest"],
        has_coverage=mods["coverage"],
        has_pytest_cov=mods["pytest_cov"],
        has_xdist=mods["xdist"],
    )
    if interp.version < (3, 8):
        raise InterpreterError(
            f"{exe} is Python {'.'.join(map(str, interp.version))}; tflm needs 3.8 or newer"
        )
    if not interp.has_pytest:
        raise InterpreterError(
            f"pytest is not installed for {exe}; install it there (`{exe} -m pip install pytest`)"
        )
    return interp


def choose_backend(interp: Interpreter, requested: str = "auto") -> str:
    """Pick the tracer: ``sysmon`` on 3.12+, else coverage.py's C tracer, else pure-Python ``settrace``.

    coverage.py's per-test contexts are wrong under its own sys.monitoring core, which is why 3.12+ gets
    our ``sysmon`` tracer and the ``coverage`` backend always forces the ``ctrace`` core.
    """
    if requested not in BACKENDS:
        raise InvalidParameterError(f"unknown backend {requested!r}; choose from {', '.join(BACKENDS)}")
    if requested == "sysmon" and not interp.has_sysmon:
        raise InterpreterError(
            f"the sysmon backend needs Python 3.12+, {interp.path} is {interp.version[:2]}"
        )
    if requested == "coverage" and not interp.has_coverage:
        raise InterpreterError(f"the coverage backend needs coverage.py installed for {interp.path}")
    if requested != "auto":
        return requested
    if interp.has_sysmon:
        return "sysmon"
    return "coverage" if interp.has_coverage else "settrace"
