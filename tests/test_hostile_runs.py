"""Hostile test suites that attack the supervisor itself: daemons that leave the session, test ids that change
between runs, tests that delete the scratch folder or close every file descriptor, conftests that exit.
Each runs a real pytest subprocess; each case once broke a run on the landed main."""

import os
import subprocess
import sys
import tempfile
import time

import pytest
from helpers import tree_digest
from test_hostile import assert_localized, make_project, outcomes, processes_with

from tflm import TflmError, collect


def test_daemons_that_leave_the_session_are_killed(tmp_path):
    # A double fork with setsid() in between: the daemon has a session, a process group and a parent of its
    # own, so neither killpg nor a session sweep reaches it.
    root = make_project(
        tmp_path,
        """\
        import os
        import subprocess


        def _daemon(seconds):
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    os.execvp("sleep", ["sleep", seconds])
                os._exit(0)


        def test_daemonizes():
            _daemon("31.441")
            subprocess.Popen(["setsid", "sleep", "31.442"])
        """,
    )
    s = collect(root)
    assert outcomes(s)["test_daemonizes"] == "passed"
    assert_localized(s)
    time.sleep(0.3)
    assert processes_with("31.441") == [] and processes_with("31.442") == []


def test_a_bomb_of_daemons_is_capped(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import os
        import time


        def test_bomb():
            for _ in range(300):
                if os.fork() == 0:
                    os.setsid()
                    os.execvp("sleep", ["sleep", "31.443"])
            time.sleep(30)
        """,
    )
    start = time.monotonic()
    s = collect(root, test_timeout=60)
    assert time.monotonic() - start < 25  # stopped by the process cap, not by the test's own end
    assert outcomes(s)["test_bomb"] == "crashed"
    assert "processes" in s.failures["test_b_hostile.py::test_bomb"].message
    assert_localized(s)
    time.sleep(0.3)
    assert processes_with("31.443") == []


def test_crashing_test_with_ids_that_change_between_runs(tmp_path):
    # Every restart collects new ids for the crashing test; matching by id alone re-ran it for ever.
    root = make_project(
        tmp_path,
        """\
        import os
        import random

        import pytest


        @pytest.mark.parametrize("x", [1, 2], ids=lambda x: f"{x}-{random.random()}")
        def test_unstable(x):
            if x == 2:
                os._exit(1)
        """,
    )
    s = collect(root, total_timeout=120)
    o = outcomes(s)
    assert sorted(o[t] for t in o if t.startswith("test_unstable")) == ["crashed", "passed"]
    assert s.meta["restarts"] == 1
    assert s.meta["complete"] is True
    assert_localized(s)  # the real failing test ran


def test_restarts_are_bounded_when_every_run_collects_different_tests(tmp_path):
    # A collection that differs in length on every run cannot be matched by position either.
    root = make_project(
        tmp_path,
        """\
        import os
        import random

        import pytest


        @pytest.mark.parametrize("x", range(random.randint(3, 40)), ids=lambda x: f"{x}-{random.random()}")
        def test_unstable(x):
            os._exit(1)
        """,
    )
    start = time.monotonic()
    s = collect(root, total_timeout=300)
    assert time.monotonic() - start < 120
    assert s.meta["restarts"] <= 10
    assert s.meta["complete"] is False
    assert any("restart" in w for w in s.meta["warnings"])


def test_a_test_deleting_the_scratch_folder_loses_no_result(tmp_path, monkeypatch):
    root = make_project(
        tmp_path,
        """\
        import os
        import shutil


        def test_removes_the_scratch_folder():
            shutil.rmtree(os.path.abspath(".."))
        """,
    )
    before_tree = tree_digest(root)
    # A temp root of this test's own, so that other tests' runs (xdist) cannot make it look dirty.
    temp_root = tmp_path / "temp"
    temp_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp_root))
    s = collect(root)
    o = outcomes(s)
    assert o["test_first"] == "passed"
    assert o["test_removes_the_scratch_folder"] == "passed"
    assert any("scratch" in w for w in s.meta["warnings"])
    assert tree_digest(root) == before_tree
    assert list(temp_root.iterdir()) == []  # the private run folder and the scratch area are both gone


def test_conftest_calling_sys_exit_gives_a_clear_error(tmp_path):
    root = make_project(tmp_path, "def test_x():\n    pass\n")
    (root / "conftest.py").write_text("import sys\n\nsys.exit(3)\n")
    with pytest.raises(TflmError, match=r"sys\.exit|exit status 3|SystemExit"):
        collect(root)


def test_closing_every_file_descriptor_is_not_a_crash(tmp_path):
    root = make_project(
        tmp_path,
        """\
        import os


        def test_closes_everything():
            os.closerange(3, 65536)
        """,
    )
    s = collect(root)
    assert outcomes(s)["test_closes_everything"] == "passed"
    assert_localized(s)  # coverage after the test still recorded


@pytest.mark.parametrize("backend", ["coverage", "settrace"])
def test_closing_every_file_descriptor_under_each_backend(tmp_path, backend):
    root = make_project(tmp_path, "import os\n\n\ndef test_closes():\n    os.closerange(3, 65536)\n")
    s = collect(root, backend=backend)
    assert outcomes(s)["test_closes"] == "passed"
    assert_localized(s)


def test_the_cli_reports_a_conftest_exit_in_one_line(tmp_path):
    root = make_project(tmp_path, "def test_x():\n    pass\n")
    (root / "conftest.py").write_text("raise SystemExit(3)\n")
    res = subprocess.run(
        [sys.executable, "-m", "tflm", "collect", str(root), "--out", str(tmp_path / "s.npz")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr
    assert "3" in res.stderr


def test_an_unsplittable_tests_string_is_a_clear_error_in_the_api(tmp_path):
    root = make_project(tmp_path, "def test_x():\n    pass\n")
    with pytest.raises(TflmError, match="cannot split"):
        collect(root, tests="'x")


_SETTRACE_OFF = """\
    import sys


    def test_switches_tracing_off():
        sys.settrace(None)
    """

# Under sys.monitoring a test can release every tool id or clear their events (as a profiler test might).
_MONITORING_OFF = """\
    import sys


    def test_switches_tracing_off():
        for tool in range(6):
            if sys.monitoring.get_tool(tool) is not None:
                sys.monitoring.set_events(tool, 0)
                sys.monitoring.free_tool_id(tool)
    """


def _assert_rearmed(s, why):
    assert_localized(s)  # the tests after the hostile one still have their coverage
    assert not s.meta["complete"]
    assert list(s.meta["untraced"]) == ["test_b_hostile.py::test_switches_tracing_off"]
    assert why in s.meta["untraced"]["test_b_hostile.py::test_switches_tracing_off"]
    assert any("switched coverage off" in w for w in s.meta["warnings"])


@pytest.mark.parametrize("backend", ["coverage", "settrace"])
def test_a_test_switching_settrace_off_is_reported_and_rearmed(tmp_path, backend):
    s = collect(make_project(tmp_path, _SETTRACE_OFF), backend=backend)
    _assert_rearmed(s, "sys.settrace(None)")


def test_a_test_replacing_the_tracer_is_reported(tmp_path):
    hostile = _SETTRACE_OFF.replace("sys.settrace(None)", "sys.settrace(lambda *a: None)")
    s = collect(make_project(tmp_path, hostile), backend="coverage")
    _assert_rearmed(s, "replaced the tracer")


def test_a_test_releasing_the_monitoring_tool_is_reported_and_rearmed(tmp_path, python312):
    s = collect(make_project(tmp_path, _MONITORING_OFF), python=python312)
    assert s.meta["backend"] == "sysmon"
    _assert_rearmed(s, "free_tool_id")


def test_settrace_off_does_not_disturb_sysmon(tmp_path, python312):
    s = collect(make_project(tmp_path, _SETTRACE_OFF), python=python312)
    assert_localized(s)
    assert s.meta["complete"] and s.meta["untraced"] == {}
