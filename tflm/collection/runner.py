"""Running a pytest suite in a guarded subprocess and reading back the plugin's event stream.

The child runs under rlimits, in its own session (so a kill reaches every process it spawned), with its
output drained into a bounded buffer. When a test hangs past the per-test deadline, or the child dies in
the middle of a test (``os._exit``, a segfault, the memory limit), the test is recorded as ``timeout`` or
``crashed`` and pytest is started again on the tests not yet run. Nothing already recorded is lost.
"""

from __future__ import annotations

import collections
import contextlib
import json
import logging
import os
import resource
import select
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tflm.collection.interpreter import Interpreter
from tflm.errors import CollectionError

log = logging.getLogger(__name__)

PLUGIN_MODULE = "_tflm_collect_plugin"
_OUTPUT_TAIL = 64 * 1024
_POLL = 0.05
#: The clock of the per-test and whole-run deadlines (a module attribute, so tests can move it on).
_clock = time.monotonic

#: ``progress(done, total, current_test)``; ``total`` is None until collection finishes.
ProgressCallback = Callable[[int, int | None, str | None], None]


@dataclass
class Limits:
    """Resource limits for the test subprocess.

    Attributes
    ----------
    test_timeout : float or None
        Seconds one test (setup + call + teardown) may take. The plugin interrupts it in-process; the parent
        kills the run if the test ignores that for ``grace`` more seconds.
    total_timeout : float or None
        Seconds for the whole collection; tests not run by then are reported in ``meta["not_run"]``.
    memory : int or None
        Address-space limit in bytes for the test process (``RLIMIT_AS``).
    grace : float
        Extra seconds before a hung test is killed from outside.
    processes : int or None
        Most processes the run may have alive at once (pytest and everything it spawns); beyond that the
        run is killed and the running test is recorded as crashed. Checked a few times a second, so a fork
        bomb is stopped within a fraction of a second; it works for root too, unlike ``RLIMIT_NPROC``.
    """

    test_timeout: float | None = 60.0
    total_timeout: float | None = 3600.0
    memory: int | None = 4 * 1024**3
    grace: float = 5.0
    processes: int | None = 128


@dataclass
class RunResult:
    """What the event stream said, merged over all restarts."""

    collected: list[str] = field(default_factory=list)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # nodeid -> end event
    coverage: dict[str, dict[str, list[int]]] = field(default_factory=dict)  # nodeid -> file -> lines
    collect_errors: list[dict[str, str]] = field(default_factory=list)
    restarts: int = 0
    complete: bool = True
    exit_status: int | None = None
    output_tail: str = ""
    ids_changed: bool = False
    notes: list[str] = field(default_factory=list)  # what the user should hear about the run


class _Tail:
    """Drain a pipe in a thread, keeping only the last ``limit`` bytes (a test may print gigabytes)."""

    def __init__(self, stream: Any, limit: int = _OUTPUT_TAIL) -> None:
        self._chunks: collections.deque[bytes] = collections.deque()
        self._size = 0
        self._limit = limit
        self._thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self._thread.start()

    def _drain(self, stream: Any) -> None:
        for chunk in iter(lambda: stream.read1(65536), b""):
            self._chunks.append(chunk)
            self._size += len(chunk)
            while self._size > self._limit and len(self._chunks) > 1:
                self._size -= len(self._chunks.popleft())

    def text(self) -> str:
        self._thread.join(timeout=5)
        return b"".join(self._chunks)[-self._limit :].decode("utf-8", "replace")


class EventReader:
    """Incrementally read complete JSON lines from a file another process appends to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pos = 0
        self._partial = b""

    def read(self) -> list[dict[str, Any]]:
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self._pos)
                data = fh.read()
        except FileNotFoundError:
            return []
        self._pos += len(data)
        data = self._partial + data
        *lines, self._partial = data.split(b"\n")
        events = []
        for line in lines:
            try:
                events.append(json.loads(line))
            except ValueError:
                log.warning("ignoring a damaged event line from the test process")
        return events


def absorb(result: RunResult, ev: dict[str, Any]) -> None:
    """Fold one event of the collector plugin's stream into ``result``."""
    kind = ev.get("ev")
    if kind == "collected" and not result.collected:
        result.collected = list(ev["tests"])
    elif kind == "collecterror":
        result.collect_errors.append({"where": ev.get("where", ""), "msg": ev.get("msg", "")})
    elif kind == "end":
        result.records[ev["t"]] = ev
    elif kind == "cov":
        _merge_coverage(result, ev)
    elif kind == "done":
        result.exit_status = int(ev.get("status", 0))


def _merge_coverage(result: RunResult, event: dict[str, Any]) -> None:
    merged = result.coverage.setdefault(event["t"], {})
    for fname, lines in event["lines"].items():
        merged.setdefault(fname, []).extend(lines)


# pytest runs as the child of this small shim, never of tflm itself: a test that kills its parent process
# (os.kill(os.getppid(), ...)) kills the shim, and tflm follows pytest on by the pid it announces. A POSIX
# shell starts in a millisecond, where a second Python costs 20-50 ms. It also sets the rlimits, which
# spares a preexec_fn: Python code between fork and exec is unsafe in a process with threads. Its first
# argument is the address-space limit in KiB ("-" for none). The command after "$@" keeps the shell from
# exec-ing pytest in its own place; a signal's death comes back as 128 + signal number.
_SHIM = [
    "/bin/sh",
    "-c",
    'ulimit -c 0 2>/dev/null; [ "$1" = - ] || ulimit -S -v "$1" || exit 125; shift; "$@"; exit $?',
    "tflm-shim",
]

# What the test interpreter runs (any Python from 3.8): import pytest, which takes a tenth of a second or
# more, while tflm prepares the scratch copy; then, on "go", act as `python -m pytest ARGS` run from the
# orders' folder. stdin becomes /dev/null for the tests, as it would be without the wait.
_BOOT = """
import json, os, sys
import pytest
if sys.version_info < (3, 12):
    try:
        import coverage  # the tracer tflm picks below 3.12
    except ImportError:
        pass
if sys.stdin.readline() != "go\\n":
    sys.exit(0)
with open(sys.argv[1], encoding="utf-8") as fh:
    orders = json.load(fh)
null = os.open(os.devnull, os.O_RDONLY)
os.dup2(null, 0)
os.close(null)
os.environ.update(orders["env"])
os.chdir(orders["cwd"])
if sys.path and sys.path[0] == "":
    sys.path[0] = os.getcwd()
sys.argv = [os.path.join(os.path.dirname(pytest.__file__), "__main__.py")] + orders["args"]
sys.exit(getattr(pytest, "console_main", pytest.main)())
"""


def _memory_kb(memory: int | None) -> str:
    """The shim's address-space argument: ``memory`` in KiB, but no more than the hard limit (raising the
    soft limit above it would fail)."""
    if not memory:
        return "-"
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    return str((memory if hard == resource.RLIM_INFINITY else min(memory, hard)) // 1024)


def _live_stat(pid: int | str) -> list[bytes] | None:
    """The /proc stat fields after the command name (state, ppid, pgrp, session…) of a live process; None
    for a zombie or a process that is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    fields = stat[stat.rfind(b")") + 2 :].split()
    return fields if len(fields) > 3 and fields[0] not in (b"Z", b"X") else None


def _environ_has(pid: str, token: bytes) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as fh:
            return token in fh.read()
    except OSError:
        return False


def _run_pids(sid: int, token: bytes) -> list[int]:
    """Live processes of the run, read from /proc: those of session ``sid`` and, since a daemon calls
    ``setsid()`` and double-forks away from the session and from its parent, every process that inherited
    the run's environment token."""
    pids = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            fields = _live_stat(entry.name)
            if fields is not None and (int(fields[3]) == sid or _environ_has(entry.name, token)):
                pids.append(int(entry.name))
    return pids


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    return _live_stat(pid) is not None


def _sweep(sid: int, token: bytes) -> None:
    """Kill whatever of the run is still alive (a finished run's leftovers)."""
    for _ in range(50):
        pids = [p for p in _run_pids(sid, token) if p != os.getpid()]
        if not pids:
            return
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def _kill_group(proc: subprocess.Popen[bytes], token: bytes) -> None:
    """Kill the run: its process group, then anything left of it (children that moved group or session)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    _sweep(proc.pid, token)  # a fork bomb may still be forking while we kill
    proc.wait()


class _ExitWatch:
    """Sleeps until a process exits or a timeout passes.

    A pidfd (Linux) wakes it the moment the process ends; ``Popen.wait(timeout)`` naps in a loop whose naps
    grow to 50 ms, so each run would end up to that much late.
    """

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.proc = proc
        self.fd: int | None = None
        with contextlib.suppress(AttributeError, OSError):  # not Linux, or already reaped
            self.fd = os.pidfd_open(proc.pid)

    def __enter__(self) -> _ExitWatch:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def wait(self, timeout: float) -> None:
        if self.fd is None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=timeout)
        else:
            select.select([self.fd], [], [], timeout)


class PytestSession:
    """One guarded collection: pytest runs (and re-runs after crashes) until every test has a result.

    Used as a context manager. Entering it starts the test interpreter, which imports pytest (a tenth of a
    second or more) while the caller copies and lists the project; :meth:`run` then tells it where and what
    to run. Leaving it kills whatever of the run is left and removes the private folder.

    Parameters
    ----------
    python : str
        Absolute path of the interpreter that runs the tests.
    workdir : Path
        Scratch area: the tests' HOME and temporary folder live in it, and pytest waits there until told
        where to run.
    limits : Limits
        Resource limits.
    progress : callable, optional
        Called as tests finish.
    autoload_plugins : bool
        Whether pytest loads the plugins installed in the environment (off for corpus runs: faster).
    extra_env : dict, optional
        Extra environment variables for pytest; ``PYTHONPATH`` is prepended to the inherited one.
    """

    def __init__(
        self,
        python: str,
        workdir: Path,
        limits: Limits,
        progress: ProgressCallback | None = None,
        autoload_plugins: bool = True,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.python, self.workdir, self.limits, self.progress = python, workdir, limits, progress
        self.autoload_plugins = autoload_plugins
        self.extra_env = dict(extra_env or {})
        self._alias: dict[str, str] = {}  # this run's test ids -> the first run's, by position
        # Inherited by everything the run starts, so that daemons can be found and killed (see _run_pids).
        self.token = os.urandom(12).hex().encode()
        # The event stream, coverage data and the plugin live in a private folder beside, not inside, the
        # scratch area: a test that deletes its surroundings (``rm -rf ..``) cannot take the results with it.
        self._private = tempfile.TemporaryDirectory(prefix="tflm-run-")
        private = Path(self._private.name)
        self.private = private
        self.events_path = private / "events.jsonl"
        self.deselect_path = private / "deselect.json"
        plugin_dir = private / "plugin"
        plugin_dir.mkdir()
        self.plugin_path = plugin_dir / f"{PLUGIN_MODULE}.py"
        self.plugin_path.write_bytes((Path(__file__).parent / "plugin.py").read_bytes())
        self._waiting: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PytestSession:
        self._waiting = self._spawn()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._waiting is not None:  # never told to run: an error came first
            _kill_group(self._waiting, self.token)
            self._waiting = None
        self._private.cleanup()

    # ---- one pytest process --------------------------------------------------------------------------
    def _spawn(self) -> subprocess.Popen[bytes]:
        """Start the interpreter; it imports pytest and waits for :meth:`_go`. The rlimits are set by the
        shim, so nothing runs between fork and exec here (this process may have threads)."""
        return subprocess.Popen(
            [*_SHIM, _memory_kb(self.limits.memory), self.python, "-c", _BOOT, str(self._go_path())],
            cwd=self.workdir,
            env=self._env(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def _go_path(self) -> Path:
        return self.private / "go.json"

    def _go(self, proc: subprocess.Popen[bytes], run: int, cwd: Path, interp: Interpreter) -> None:
        """Tell a waiting interpreter where and what to run. The orders go through a file, so that the
        pipe only ever carries one short line and the write cannot block on a process that stopped
        reading."""
        orders = {
            "cwd": str(cwd),
            "args": self._pytest_args(interp),
            "env": {
                "TFLM_FILES": json.dumps(self.files),
                "TFLM_ROOTS": json.dumps(self.roots),
                "TFLM_BACKEND": self.backend,
                "TFLM_COVDATA": str(self.private / f"coverage.{run}"),
            },
        }
        self._go_path().write_text(json.dumps(orders), encoding="utf-8")
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # it died already; _follow reads why from its output
            proc.stdin.write(b"go\n")
            proc.stdin.close()

    def _pytest_args(self, interp: Interpreter) -> list[str]:
        args = [
            "-s",  # output streams to our bounded tail; pytest's capture would hold it all in memory
            "-p",
            PLUGIN_MODULE,
            "-p",
            "no:cacheprovider",
            "--continue-on-collection-errors",
            # No cheaper --tb: pytest's long failure report runs in the failing test's coverage context (it
            # calls repr() on the test's arguments), so changing it would change the spectra the shipped
            # model was trained on.
        ]
        if interp.has_pytest_cov and self.autoload_plugins:
            args.append("--no-cov")  # its tracer would fight ours
        args += self.pytest_args
        if interp.has_xdist and self.autoload_plugins:
            args += ["-n", "0"]  # per-test tracing needs the tests in this process
        return args

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        for var in ("COVERAGE_PROCESS_START", "COVERAGE_RCFILE", "PYTEST_XDIST_AUTO_NUM_WORKERS"):
            env.pop(var, None)
        extra = dict(self.extra_env)
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(self.plugin_path.parent), extra.pop("PYTHONPATH", None), env.get("PYTHONPATH")])
        )
        env.update(extra)  # before ours below: the scratch HOME and TFLM_* settings always win
        if not self.autoload_plugins:
            env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        home, tmp = self.workdir / "home", self.workdir / "tmp"
        with contextlib.suppress(OSError):  # the scratch area may have been deleted by an earlier test
            home.mkdir(parents=True, exist_ok=True)
            tmp.mkdir(parents=True, exist_ok=True)
        env.update(
            # Well-behaved writes to ~ or the temp dir land in our scratch area, not the user's.
            HOME=str(home),
            TMPDIR=str(tmp),
            TEMP=str(tmp),
            TMP=str(tmp),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_CONFIG_HOME=str(home / ".config"),
            PYTHONDONTWRITEBYTECODE="1",
            PYTHONFAULTHANDLER="1",
            COVERAGE_CORE="ctrace",
            TFLM_OUT=str(self.events_path),
            TFLM_TIMEOUT=str(self.limits.test_timeout or 0),
            TFLM_DESELECT=str(self.deselect_path),
            TFLM_RUN_TOKEN=self.token.decode(),
            TFLM_QUICK_EXIT="1",
        )
        return env

    def run(
        self,
        interp: Interpreter,
        cwd: Path,
        files: Sequence[str],
        roots: Sequence[str],
        pytest_args: Sequence[str],
        backend: str,
    ) -> RunResult:
        """Run the suite to completion (restarting after crashes) and return the merged events.

        Parameters
        ----------
        interp : Interpreter
            What the probe found out about the interpreter the session was started with.
        cwd : Path
            Where pytest runs (the scratch copy of the project).
        files : sequence of str
            Absolute paths of the source files to trace.
        roots : sequence of str
            Absolute roots that frame paths are made relative to.
        pytest_args : sequence of str
            Extra pytest arguments (test selection).
        backend : str
            Tracer backend.
        """
        if interp.path != self.python:
            raise ValueError(f"the session runs {self.python}, not {interp.path}")
        self.cwd, self.files, self.roots = cwd, list(files), list(roots)
        self.pytest_args, self.backend = list(pytest_args), backend
        result = RunResult()
        reader = EventReader(self.events_path)
        start = _clock()
        tails: list[str] = []
        while True:
            run = result.restarts
            self._write_deselect(result)
            before = self._settled(result)
            self._alias = {}
            proc, self._waiting = self._waiting or self._spawn(), None
            tail = _Tail(proc.stdout)
            try:
                self._go(proc, run, cwd, interp)
                done, current, killed = self._follow(proc, reader, result, start)
            except BaseException:  # Ctrl-C or an error of ours: the run must not outlive us
                _kill_group(proc, self.token)
                raise
            # Nothing a test started may outlive the run (the plugin skips atexit handlers, which might
            # otherwise have stopped it).
            _sweep(proc.pid, self.token)
            tails.append(tail.text())
            if self.backend == "coverage" and done is None:
                self._convert(run, result)  # died before reporting its coverage
            if current is not None:
                self._record_culprit(result, current, killed, proc.returncode)
            if not self.cwd.exists() and not any("scratch" in n for n in result.notes):
                result.notes.append(
                    "a test deleted the scratch copy the tests run in; the results recorded so far are kept"
                )
            if killed == "total":
                result.complete = False
                break
            if done is not None:
                result.exit_status = done
                break
            remaining = set(result.collected) - set(result.records)
            if not result.collected or not remaining or self._settled(result) == before:
                # Died outside any test, or made no progress: re-running would loop forever.
                result.complete = not remaining and bool(result.collected)
                result.exit_status = proc.returncode
                if result.collected and remaining and result.restarts:
                    result.notes.append(
                        f"stopped restarting pytest after {result.restarts} restarts that made no progress "
                        f"(the collection changes from run to run); {len(remaining)} tests did not run"
                    )
                break
            result.restarts += 1
            log.info("test process died in %s; restarting on %d remaining tests", current, len(remaining))
        result.output_tail = "\n".join(tails)[-_OUTPUT_TAIL:]
        return result

    @staticmethod
    def _settled(result: RunResult) -> int:
        """Collected tests that have a result: a restart that adds none made no progress, whatever new ids
        it recorded."""
        return sum(t in result.records for t in result.collected)

    def _write_deselect(self, result: RunResult) -> None:
        # Positions as well as ids: a test whose id changes from run to run (random parametrize ids) is
        # still recognised by its place in a collection of the same length.
        done = [i for i, t in enumerate(result.collected) if t in result.records]
        payload = {"ids": sorted(result.records), "positions": done, "n": len(result.collected)}
        self.deselect_path.write_text(json.dumps(payload))

    def _record_culprit(
        self, result: RunResult, current: str, killed: str | None, returncode: int | None
    ) -> None:
        """The process died (or was killed) inside a test: that test is the culprit."""
        outcome = "timeout" if killed == "test" else "crashed"
        exc = "Timeout" if killed == "test" else "Crash"
        msg = (
            f"killed after {self.limits.test_timeout}s without finishing"
            if killed == "test"
            else f"killed: it had more than {self.limits.processes} processes running"
            if killed == "processes"
            else f"the test process died (exit status {returncode})"
        )
        result.records[current] = {
            "t": current,
            "outcome": outcome,
            "dur": 0.0,
            "exc": exc,
            "frames": [],
            "msg": msg,
            "lines": {},
        }
        self._report(result, None)

    def _canonical(self, result: RunResult, ev: dict[str, Any], positional: bool) -> None:
        """Rename a later run's test to the id the first run gave the test at its position."""
        kind = ev.get("ev")
        if kind in ("start", "end") and positional and isinstance(ev.get("pos"), int):
            pos = ev["pos"]
            if 0 <= pos < len(result.collected) and result.collected[pos] != ev["t"]:
                if not result.ids_changed:
                    result.ids_changed = True
                    result.notes.append(
                        "test ids changed between runs (e.g. random parametrize ids); tests were matched "
                        "by their position in the collection"
                    )
                self._alias[ev["t"]] = result.collected[pos]
                ev["t"] = result.collected[pos]
        elif kind == "cov" and ev.get("t") in self._alias:
            ev["t"] = self._alias[ev["t"]]

    def _follow(
        self, proc: subprocess.Popen[bytes], reader: EventReader, result: RunResult, start: float
    ) -> tuple[int | None, str | None, str | None]:
        """Watch one pytest process.

        Returns the session's exit status (None if it never finished), the test running when the process
        ended (None between tests), and why we killed it (``"test"``, ``"total"``, ``"processes"`` or
        None).
        """
        state: dict[str, Any] = {"current": None, "began": 0.0, "done": None, "pid": None, "positional": True}

        def handle(events: list[dict[str, Any]]) -> None:
            for ev in events:
                kind = ev.get("ev")
                if kind == "collected" and result.collected:
                    state["positional"] = ev.get("n_all") == len(result.collected)
                self._canonical(result, ev, state["positional"])
                absorb(result, ev)
                if kind == "start":
                    state.update(current=ev["t"], began=_clock())
                elif kind == "end":
                    state["current"] = None
                    self._report(result, None)
                elif kind == "done":
                    state["done"] = int(ev.get("status", 0))
                elif kind == "hello":
                    state["pid"] = int(ev.get("pid") or 0)

        lim = self.limits
        next_count = 0.0
        with _ExitWatch(proc) as watch:
            while True:
                # The shim may be gone (a test killed its parent) while pytest runs on. pytest's pid comes
                # from its first event, so the events are read before asking whether it is alive: a test that
                # kills the shim before this loop has read them must not make a live run look finished.
                shim_gone = proc.poll() is not None
                handle(reader.read())
                if shim_gone and not _alive(state["pid"]):
                    handle(reader.read())  # what it wrote between that read and its exit
                    proc.wait()
                    return state["done"], state["current"], None
                now = _clock()
                overdue = lim.test_timeout and now - state["began"] > lim.test_timeout + lim.grace
                if state["current"] is not None and overdue:
                    _kill_group(proc, self.token)
                    handle(reader.read())  # it may have finished at the last moment
                    return None, state["current"], "test"
                if lim.total_timeout and now - start > lim.total_timeout:
                    _kill_group(proc, self.token)
                    handle(reader.read())
                    return None, None, "total"
                if lim.processes and now >= next_count:
                    next_count = now + 0.2
                    if len(_run_pids(proc.pid, self.token)) > lim.processes:
                        _kill_group(proc, self.token)
                        handle(reader.read())
                        return None, state["current"], "processes"
                if proc.returncode is None:
                    watch.wait(_POLL)  # wakes as soon as the shim exits
                else:  # the shim is gone but pytest runs on
                    time.sleep(_POLL)

    def _report(self, result: RunResult, current: str | None) -> None:
        if self.progress is not None:
            total = len(result.collected) if result.collected else None
            self.progress(len(result.records), total, current)

    def _convert(self, run: int, result: RunResult) -> None:
        """Read the run's coverage.py data file with the target's own coverage version."""
        datafile = self.private / f"coverage.{run}"
        if not datafile.exists():
            return
        out = self.private / f"cov.{run}.jsonl"
        proc = subprocess.run(
            [self.python, str(self.plugin_path), "--convert", str(datafile), str(out)],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            cwd=self.private,
        )
        if proc.returncode != 0:
            raise CollectionError(f"could not read coverage data: {proc.stderr.strip()[-1000:]}")
        for ev in EventReader(out).read():
            self._canonical(result, ev, True)
            _merge_coverage(result, ev)
