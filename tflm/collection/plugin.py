"""pytest plugin that tflm injects into the *target's* interpreter to record a spectrum.

This file is copied into a temporary directory and loaded with ``-p _tflm_collect_plugin``. It runs under
whatever Python the target uses, so it depends on nothing but the standard library and pytest (plus
coverage.py for the ``coverage`` backend), and keeps to Python 3.8 syntax.

It is configured by ``TFLM_*`` environment variables in tflm's own runs, and by :func:`use` (the same
names, the environment left alone) in a user's ``pytest --tflm``.

It streams JSON-lines events to the file named by ``TFLM_OUT`` and flushes after each, so the parent can
follow progress, spot a hung test, and lose nothing when the process dies:

- ``{"ev": "collected", "tests": [...]}`` after collection;
- ``{"ev": "collecterror", "where": ..., "msg": ...}`` per module that failed to import;
- ``{"ev": "start", "t": nodeid}`` before each test;
- ``{"ev": "end", "t": nodeid, "outcome": ..., "dur": ..., "exc": ..., "frames": ..., "msg": ...,
  "lines": {file: [line, ...]}, "untraced": why}`` after each test (``lines`` only for the in-process
  tracers; ``untraced`` says what the test did to switch tracing off, or is null);
- ``{"ev": "done", "status": exitstatus}`` at the end of the session.

With the ``coverage`` backend the session ends with one ``{"ev": "cov", "t": nodeid, "lines": {...}}`` event
per test, read from coverage.py's per-test contexts. If the process dies first, the parent runs this file as
a script (``python _tflm_collect_plugin.py --convert DATAFILE OUT``) to read the data file with the target's
own coverage version.

With ``TFLM_QUICK_EXIT=1`` (tflm's own runs, never ``pytest --tflm``) a session whose tests ran (status 0 or
1) ends the process with ``os._exit`` once pytest has unconfigured, skipping interpreter shutdown.

Backends (``TFLM_BACKEND``):

- ``sysmon`` (Python 3.12+): ``sys.monitoring`` LINE events, each disabled after its first hit and re-armed
  with ``restart_events()`` at each test start, so a test pays once per distinct line it runs;
- ``coverage``: coverage.py's C tracer with one dynamic context per test (``switch_context``);
- ``settrace``: a pure-Python ``sys.settrace`` tracer, the fallback when neither is available.
"""

import contextlib
import json
import os
import signal
import sys
import threading
import time
import traceback
import warnings
from typing import TYPE_CHECKING

import pytest

# Annotations are strings (never evaluated), for Python 3.8; pytest has imported typing already.
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Mapping
    from types import CodeType, FrameType
    from typing import Any

    import coverage

    _TraceFn = Callable[[FrameType, str, Any], Any]

_OUT: "str | None" = None  # the event file's path, while tflm is collecting
_GIVEN: "dict[str, str] | None" = None  # settings handed over by use(), in place of the environment
_STATE: "dict[str, Any]" = {}


def _emit(event: "dict[str, Any]") -> None:
    # Opened for each event, never held: a test that closes every descriptor (os.closerange) would close a
    # held one, and one that then opens a file could receive its number and our events with it.
    data = (json.dumps(event) + "\n").encode("utf-8")
    assert _OUT is not None  # only called while collecting
    fd = os.open(_OUT, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        while data:
            data = data[os.write(fd, data) :]
    finally:
        os.close(fd)


class TestTimeout(BaseException):
    """Raised in the main thread when a test overruns.

    A BaseException, so that the test's own ``except Exception`` cannot swallow it.
    """


def _replaced(now: object) -> str:
    if now is None:
        return "sys.settrace(None) switched the tracer off"
    name = getattr(now, "__qualname__", type(now).__name__)
    return f"sys.settrace() replaced the tracer with {name}"


# --------------------------------------------------------------------------------------------------------
# Line tracers. Each records (filename, line) pairs for the current test into _STATE["lines"]; disturbed()
# says whether the test switched it off or replaced it, and re-arms it.
# --------------------------------------------------------------------------------------------------------
class _SysMonTracer:
    def __init__(self, wanted: "Collection[str]") -> None:
        mon = sys.monitoring  # type: ignore[attr-defined]  # 3.12+, the only place this runs
        self.mon = mon
        self.tool: int | None = None
        line_event = mon.events.LINE
        set_local = mon.set_local_events
        disable = mon.DISABLE
        lines = _STATE["lines"]
        me = self

        def on_start(code: "CodeType", offset: int) -> "Any":
            if code.co_filename in wanted:
                set_local(me.tool, code, line_event)
            return disable

        def on_line(code: "CodeType", line: int) -> "Any":
            lines.add((code.co_filename, line))
            return disable

        self.callbacks = ((mon.events.PY_START, on_start), (line_event, on_line))
        self._arm()

    def _arm(self) -> None:
        mon = self.mon
        if self.tool is None or mon.get_tool(self.tool) != "tflm":
            self.tool = next((t for t in (mon.COVERAGE_ID, 3, 4) if mon.get_tool(t) is None), None)
            if self.tool is None:
                raise RuntimeError("no free sys.monitoring tool id")
            mon.use_tool_id(self.tool, "tflm")
        for event, fn in self.callbacks:
            mon.register_callback(self.tool, event, fn)
        mon.set_events(self.tool, mon.events.PY_START)

    def disturbed(self) -> "str | None":
        """What a test did to the tracer (None if nothing); re-arms it for the next test."""
        mon = self.mon
        if mon.get_tool(self.tool) != "tflm":
            why = "sys.monitoring.free_tool_id() released tflm's tool id"
        elif mon.get_events(self.tool) != mon.events.PY_START:
            why = "sys.monitoring.set_events() changed tflm's events"
        elif any(mon.register_callback(self.tool, e, fn) is not fn for e, fn in self.callbacks):
            why = "sys.monitoring.register_callback() replaced tflm's callbacks"
        else:
            return None
        try:
            self._arm()
        except (RuntimeError, ValueError):
            why += " (and no tool id is left to re-arm it)"
        return why

    def test_start(self, nodeid: str) -> None:
        _STATE["lines"].clear()
        self.mon.restart_events()

    def test_end(self) -> "set[tuple[str, int]]":
        lines: set[tuple[str, int]] = _STATE["lines"]
        return lines

    def stop(self) -> None:
        if self.mon.get_tool(self.tool) == "tflm":
            self.mon.set_events(self.tool, 0)
            self.mon.free_tool_id(self.tool)


class _SetTraceTracer:
    def __init__(self, wanted: "Collection[str]") -> None:
        lines = _STATE["lines"]
        add = lines.add

        def local(frame: "FrameType", event: str, arg: "Any") -> "_TraceFn":
            if event == "line":
                add((frame.f_code.co_filename, frame.f_lineno))
            return local

        def global_(frame: "FrameType", event: str, arg: "Any") -> "_TraceFn | None":
            if frame.f_code.co_filename in wanted:
                return local
            return None

        self.trace = global_
        sys.settrace(global_)
        threading.settrace(global_)

    def disturbed(self) -> "str | None":
        """What a test did to the tracer (None if nothing); re-arms it for the next test."""
        now = sys.gettrace()
        if now is self.trace:
            return None
        sys.settrace(self.trace)
        threading.settrace(self.trace)
        return _replaced(now)

    def test_start(self, nodeid: str) -> None:
        _STATE["lines"].clear()

    def test_end(self) -> "set[tuple[str, int]]":
        lines: set[tuple[str, int]] = _STATE["lines"]
        return lines

    def stop(self) -> None:
        sys.settrace(None)
        threading.settrace(None)


class _CoverageTracer:
    def __init__(self, wanted: "Collection[str]") -> None:
        import coverage

        self.cov = coverage.Coverage(
            data_file=_STATE["covdata"],
            include=sorted(wanted),
            config_file=False,
            branch=False,
        )
        self.cov.start()
        self.trace = sys.gettrace()

    def disturbed(self) -> "str | None":
        """What a test did to the tracer (None if nothing); re-arms it for the next test."""
        now = sys.gettrace()
        if now is self.trace:
            return None
        with warnings.catch_warnings():  # coverage warns that the trace function changed: we know
            warnings.simplefilter("ignore")
            self.cov.stop()
            self.cov.start()
        self.trace = sys.gettrace()
        return _replaced(now)

    def test_start(self, nodeid: str) -> None:
        self.cov.switch_context(nodeid)

    def test_end(self) -> None:
        return None

    def stop(self) -> None:
        self.cov.stop()
        self.cov.save()

    def emit_contexts(self) -> None:
        _emit_contexts(self.cov.get_data(), _emit)


# --------------------------------------------------------------------------------------------------------
# pytest hooks
# --------------------------------------------------------------------------------------------------------
def _on_alarm(signum: int, frame: "FrameType | None") -> None:
    _STATE["timed_out"] = True
    raise TestTimeout("test exceeded the per-test timeout of {}s".format(_STATE["timeout"]))


def _guarded_exit(code: int = 0) -> None:
    # A test calling os._exit would take its coverage and outcome with it; record them first.
    if os.getpid() == _STATE.get("pid") and _STATE.get("current"):
        _finish_test("crashed", exc="SystemExit", msg=f"os._exit({code!r}) called during the test")
        if _STATE.get("tracer") is not None:
            _STATE["tracer"].stop()
    _STATE["real_exit"](code)


def use(settings: "Mapping[str, str]") -> None:
    """Configure the collector with ``settings`` (the ``TFLM_*`` names) instead of the environment: the
    in-process path (``pytest --tflm``) must not change the environment the tests see."""
    global _GIVEN
    _GIVEN = dict(settings)


def pytest_configure(config: "pytest.Config") -> None:
    global _OUT
    env: Mapping[str, str] = _GIVEN if _GIVEN is not None else os.environ
    if _OUT is not None or env.get("TFLM_OUT") is None:
        return
    _OUT = env["TFLM_OUT"]
    _emit({"ev": "hello", "pid": os.getpid()})
    wanted = frozenset(json.loads(env["TFLM_FILES"]))
    _STATE.update(
        lines=set(),
        current=None,
        pid=os.getpid(),
        timeout=float(env.get("TFLM_TIMEOUT", 0)),
        # Only a run of tflm's own may end the process early; never a user's `pytest --tflm`.
        quick_exit=env.get("TFLM_QUICK_EXIT") == "1",
    )
    backend = env.get("TFLM_BACKEND", "settrace")
    cls = {"sysmon": _SysMonTracer, "coverage": _CoverageTracer}.get(backend, _SetTraceTracer)
    # Tracing starts when the tests do: lines run while pytest collects (imports) belong to no test, and
    # tracing them costs a third of the run on a suite whose collection imports much.
    _STATE["tracer"] = None
    _STATE["make_tracer"] = lambda: cls(wanted)
    _STATE["covdata"] = env.get("TFLM_COVDATA")
    _STATE["roots"] = json.loads(env.get("TFLM_ROOTS", "[]"))
    deselect = env.get("TFLM_DESELECT")
    _STATE["deselect"] = {"ids": [], "positions": [], "n": -1}
    if deselect and os.path.exists(deselect):
        with open(deselect, encoding="utf-8") as fh:
            _STATE["deselect"] = json.load(fh)
    _STATE["pos"] = {}
    _STATE["real_exit"] = os._exit
    # ignore: the replacement ends the process too, by the real os._exit (which mypy cannot see in _STATE)
    os._exit = _guarded_exit  # type: ignore[assignment]
    if _STATE["timeout"] > 0 and hasattr(signal, "setitimer"):
        signal.signal(signal.SIGALRM, _on_alarm)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(
    session: "pytest.Session", config: "pytest.Config", items: "list[pytest.Item]"
) -> None:
    if _OUT is None:
        return
    # Each test's place in the whole collection: a later run whose ids changed is matched by position.
    _STATE["n_all"] = len(items)
    _STATE["pos"] = {item.nodeid: i for i, item in enumerate(items)}
    spec = _STATE["deselect"]
    ids = set(spec.get("ids", ()))
    positions = set(spec.get("positions", ())) if spec.get("n") == len(items) else set()
    drop = [item.nodeid in ids or i in positions for i, item in enumerate(items)]
    keep = [item for i, item in enumerate(items) if not drop[i]]  # no zip(strict=): this runs on 3.8
    gone = [item for i, item in enumerate(items) if drop[i]]
    if gone:
        config.hook.pytest_deselected(items=gone)
        items[:] = keep


def pytest_collectreport(report: "pytest.CollectReport") -> None:
    if _OUT is not None and report.failed:
        text = str(report.longrepr) if report.longrepr is not None else ""
        _emit({"ev": "collecterror", "where": report.nodeid, "msg": text[-4000:]})


def pytest_collection_finish(session: "pytest.Session") -> None:
    if _OUT is not None:
        _emit({"ev": "collected", "tests": [i.nodeid for i in session.items], "n_all": _STATE.get("n_all")})


def _tracer() -> "Any":
    """The tracer, started by the first test (a session that runs no test never starts one)."""
    if _STATE["tracer"] is None:
        _STATE["tracer"] = _STATE["make_tracer"]()
    return _STATE["tracer"]


def pytest_runtest_logstart(nodeid: str, location: "tuple[str, int | None, str]") -> None:
    if _OUT is None:
        return
    _STATE.update(
        current=nodeid, t0=time.perf_counter(), outcome=None, exc=None, frames=[], msg="", timed_out=False
    )
    _emit({"ev": "start", "t": nodeid, "pos": _STATE["pos"].get(nodeid)})
    _tracer().test_start(nodeid)
    if _STATE["timeout"] > 0 and hasattr(signal, "setitimer"):
        # Re-fire every second after the deadline, in case the test swallowed the first TestTimeout.
        signal.setitimer(signal.ITIMER_REAL, _STATE["timeout"], 1.0)


def _relative(path: str) -> "str | None":
    path = os.path.abspath(path)
    for root in _STATE["roots"]:
        if path.startswith(root + os.sep):
            return path[len(root) + 1 :].replace(os.sep, "/")
    return None


def pytest_runtest_makereport(item: "pytest.Item", call: "pytest.CallInfo[None]") -> None:
    if _OUT is None or call.excinfo is None or _STATE.get("exc") is not None:
        return
    exc = call.excinfo.value
    if call.excinfo.errisinstance(TestTimeout) or _STATE.get("timed_out"):
        _STATE["timeout_hit"] = True
    etype = type(exc)
    if etype.__name__ in ("Skipped", "XFailed") or call.excinfo.typename == "Skipped":
        return
    frames = []
    for fs in traceback.extract_tb(call.excinfo.tb):
        rel = _relative(fs.filename)
        if rel is not None:
            frames.append([rel, fs.lineno])
    mod = etype.__module__
    if etype is TestTimeout or etype.__name__ == "TestTimeout":
        _STATE["exc"] = "Timeout"
    elif mod in ("builtins", "__builtin__"):
        _STATE["exc"] = etype.__qualname__
    else:
        _STATE["exc"] = mod + "." + etype.__qualname__
    _STATE["frames"] = frames
    _STATE["msg"] = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""


def pytest_runtest_logreport(report: "pytest.TestReport") -> None:
    if _OUT is None:
        return
    prev = _STATE.get("outcome")
    if report.when == "call":
        if hasattr(report, "wasxfail"):
            _STATE["outcome"] = "xfailed" if report.skipped else "xpassed"
        else:
            _STATE["outcome"] = report.outcome  # passed / failed / skipped
    elif report.failed:  # setup or teardown error
        if prev in (None, "passed", "xpassed"):
            _STATE["outcome"] = "error"
    elif report.when == "setup" and report.skipped:
        _STATE["outcome"] = "xfailed" if hasattr(report, "wasxfail") else "skipped"


def _finish_test(outcome: str, exc: "str | None" = None, msg: str = "") -> None:
    nodeid = _STATE["current"]
    if nodeid is None:
        return
    tracer = _tracer()
    lines = tracer.test_end()
    # A test that switches tracing off would silently leave every later test with no coverage: say so,
    # and turn it back on for the next one.
    untraced = tracer.disturbed()
    by_file: dict[str, list[int]] = {}  # a local annotation: never evaluated
    if lines:
        for fname, line in lines:
            by_file.setdefault(fname, []).append(line)
    _emit(
        {
            "ev": "end",
            "t": nodeid,
            "pos": _STATE["pos"].get(nodeid),
            "outcome": outcome,
            "dur": time.perf_counter() - _STATE["t0"],
            "exc": exc if exc is not None else _STATE.get("exc"),
            "frames": _STATE.get("frames", []),
            "msg": msg or _STATE.get("msg", ""),
            "lines": by_file,
            "untraced": untraced,
        }
    )
    _STATE["current"] = None


def pytest_runtest_logfinish(nodeid: str, location: "tuple[str, int | None, str]") -> None:
    if _OUT is None:
        return
    if _STATE["timeout"] > 0 and hasattr(signal, "setitimer"):
        signal.setitimer(signal.ITIMER_REAL, 0)
    outcome = _STATE.get("outcome") or "error"
    if _STATE.pop("timeout_hit", False) and outcome in ("failed", "error"):
        outcome = "timeout"
    _finish_test(outcome)


def pytest_sessionfinish(session: "pytest.Session", exitstatus: "int | pytest.ExitCode") -> None:
    if _OUT is None:
        return
    tracer = _STATE["tracer"]
    if tracer is not None:  # None: the session ended before any test started
        tracer.stop()
        if hasattr(tracer, "emit_contexts"):
            tracer.emit_contexts()
    _STATE["status"] = int(exitstatus)
    _emit({"ev": "done", "status": int(exitstatus)})


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: "pytest.Config") -> None:
    # Everything is recorded and pytest has printed its report. Interpreter shutdown (atexit handlers,
    # freeing every module, waiting for threads a test left running) takes another 0.1-0.3 s that nobody
    # needs, so leave now; the parent kills anything the run left behind. Only after a normal session
    # (tests passed or failed): other statuses may still have a message to print.
    if _OUT is None or not _STATE["quick_exit"] or os.getpid() != _STATE["pid"]:
        return
    if _STATE.get("status") not in (0, 1):
        return
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        with contextlib.suppress(Exception):  # a closed or replaced stream has nothing left to flush
            stream.flush()  # type: ignore[union-attr]  # a None stream raises, suppressed
    _STATE["real_exit"](_STATE["status"])


# --------------------------------------------------------------------------------------------------------
# Conversion of a coverage.py data file (with per-test contexts) into events.
# --------------------------------------------------------------------------------------------------------
def _emit_contexts(data: "coverage.CoverageData", emit: "Callable[[dict[str, Any]], object]") -> None:
    """Invert coverage's line -> contexts map into one ``cov`` event per test."""
    per_test: dict[str, dict[str, list[int]]] = {}
    for fname in data.measured_files():
        for line, contexts in data.contexts_by_lineno(fname).items():
            for ctx in contexts:
                if ctx:
                    per_test.setdefault(ctx, {}).setdefault(fname, []).append(line)
    for ctx, lines in per_test.items():
        emit({"ev": "cov", "t": ctx, "lines": lines})


def _convert(datafile: str, outfile: str) -> None:
    """After the test process died: read what its coverage data file holds."""
    import coverage

    data = coverage.CoverageData(basename=datafile)
    data.read()
    with open(outfile, "a", encoding="utf-8") as fh:
        _emit_contexts(data, lambda ev: fh.write(json.dumps(ev) + "\n"))


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--convert":
    _convert(sys.argv[2], sys.argv[3])
