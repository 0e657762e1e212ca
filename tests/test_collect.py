"""The collector on real pytest subprocess runs over small fixture projects."""

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from helpers import tree_digest

from tflm import collect, localize
from tflm.collection import runner
from tflm.errors import CollectionError, InterpreterError, NothingToLocalize, SourceError, TflmError
from tflm.spectrum import Spectrum


def outcomes(spectrum: Spectrum) -> dict[str, str]:
    return {t.split("::")[-1]: o for t, o in zip(spectrum.tests, spectrum.outcomes, strict=True)}


def covered(spectrum: Spectrum, test_name: str) -> set[tuple[str, int]]:
    row = next(i for i, t in enumerate(spectrum.tests) if t.endswith("::" + test_name))
    cols = spectrum.coverage[row].indices
    return {(spectrum.files[spectrum.line_file[c]], int(spectrum.line_no[c])) for c in cols}


def test_mid_bug_ranks_first_under_ochiai(project):
    root = project("mid")
    ranking = localize(root, formula="ochiai", test_timeout=30)
    assert (ranking.files[0], ranking.lines[0]) == ("mid.py", 8)
    assert ranking.ranks[0] == 1 and ranking.ranks[1] == 2  # alone at the top, not tied
    assert ranking.info["tests"]["failed"] == 1 and ranking.info["tests"]["passed"] == 6


def test_spectrum_contents(project):
    s = collect(project("mid"))
    assert s.files == ["mid.py"]
    # Executable lines: no docstring, no `else:` line.
    assert s.line_no.tolist() == [1, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 17, 18, 19]
    assert s.n_tests == 7 and s.coverage.shape == (7, 15)
    assert covered(s, "test_mid[2-1-3-2]") == {("mid.py", n) for n in (3, 4, 5, 7, 8, 14)}
    assert covered(s, "test_describe") == {("mid.py", n) for n in (3, 4, 5, 6, 14, 18, 19)}
    fail = s.failures["test_mid.py::test_mid[2-1-3-2]"]
    assert fail.exc_type == "AssertionError" and ("test_mid.py", 11) in fail.frames
    assert all(d > 0 for d in s.durations)


def test_backends_agree(project):
    root = project("mid")
    ref = collect(root, backend="coverage")
    other = collect(root, backend="settrace")
    assert ref.tests == other.tests
    assert (ref.coverage != other.coverage).nnz == 0


def test_sysmon_backend_matches_coverage(project, python312):
    root = project("pkg_layout")
    ref = collect(root, backend="coverage")
    mon = collect(root, python=python312)
    assert mon.meta["backend"] == "sysmon" and mon.meta["python"].startswith("3.12")
    assert ref.tests == mon.tests and ref.files == mon.files
    assert (ref.coverage != mon.coverage).nnz == 0
    assert list(ref.outcomes) == list(mon.outcomes)


def test_user_tree_is_byte_identical(project):
    root = project("writer")  # its tests write next to the module and into the cwd
    before = tree_digest(root)
    ranking = localize(root)
    assert ranking.info["tests"]["failed"] == 1
    assert tree_digest(root) == before


def test_tree_identical_even_when_tests_crash(project):
    root = project("exits")
    before = tree_digest(root)
    collect(root)
    assert tree_digest(root) == before


def test_hanging_tests_are_stopped_and_recorded(project):
    root = project("hang")
    s = collect(root, test_timeout=1.5)
    got = outcomes(s)
    assert got == {
        "test_even": "passed",
        "test_odd_hangs": "timeout",
        "test_stubborn_hang": "timeout",
        "test_double": "passed",
    }
    # The in-process timeout keeps the hung test's coverage: the loop shows up.
    assert ("loops.py", 4) in covered(s, "test_odd_hangs")
    assert s.failures["test_loops.py::test_odd_hangs"].exc_type == "Timeout"
    assert s.meta["restarts"] == 1  # the stubborn one needed the watchdog and a restart


def test_memory_hog_fails_with_memory_error(project):
    s = collect(project("memory"), memory_limit=768 * 1024**2, test_timeout=60)
    assert outcomes(s) == {"test_hoard": "failed", "test_small": "passed"}
    assert s.failures["test_hog.py::test_hoard"].exc_type == "MemoryError"


def test_sys_exit_and_os_exit(project):
    s = collect(project("exits"))
    got = outcomes(s)
    assert got == {
        "test_add": "passed",
        "test_sys_exit": "failed",
        "test_os_exit": "crashed",
        "test_after_exits": "passed",
    }
    # os._exit is intercepted, so the crashing test keeps its coverage.
    assert ("app.py", 10) in covered(s, "test_os_exit")


def test_test_selection_and_source_patterns(project):
    root = project("pkg_layout")
    s = collect(root, tests="tests/test_perimeter.py -k 'not negative'")
    assert [t.split("::")[-1] for t in s.tests] == ["test_perimeter_square", "test_perimeter_rect"]
    assert s.files == ["src/shapes/__init__.py", "src/shapes/area.py", "src/shapes/perimeter.py"]
    only = collect(root, include=["src/shapes/perimeter.py"])
    assert only.files == ["src/shapes/perimeter.py"]
    no_init = collect(root, omit=["__init__.py", "tests/"])
    assert "src/shapes/__init__.py" not in no_init.files


def test_total_timeout_keeps_what_ran(tmp_path, monkeypatch):
    # The whole-run deadline passes while the second test is stuck. The clock jumps past it only once that
    # test has started, so however slow the machine, the first test has finished and the third not begun.
    root = tmp_path / "proj"
    root.mkdir()
    started = tmp_path / "stuck-started"
    (root / "mod.py").write_text("def one():\n    return 1\n")
    (root / "test_mod.py").write_text(
        "import os, time\nfrom mod import one\n\n\n"
        "def test_first():\n    assert one() == 1\n\n\n"
        "def test_stuck():\n    open(os.environ['STARTED'], 'w').close()\n    time.sleep(3600)\n\n\n"
        "def test_third():\n    assert one() == 2\n"
    )
    real = runner._clock
    monkeypatch.setattr(runner, "_clock", lambda: real() + (1e6 if started.exists() else 0.0))
    s = collect(root, test_timeout=None, total_timeout=600, extra_env={"STARTED": str(started)})
    assert s.meta["complete"] is False
    assert outcomes(s) == {"test_first": "passed"}
    assert s.meta["not_run"] == ["test_mod.py::test_stuck", "test_mod.py::test_third"]
    assert any("stopped early" in w for w in s.meta["warnings"])


_TRACE_PROBE = (
    "import sys\nfrom mod import one\n\n"
    "MON = getattr(sys, 'monitoring', None)\n"
    "TRACED = sys.gettrace() is not None or bool(MON and any(MON.get_tool(t) for t in range(6)))\n\n\n"
    "def test_untraced_import():\n    assert not TRACED\n\n\n"
    "def test_one():\n    assert one() == 2\n"
)


@pytest.mark.parametrize("backend", ["coverage", "settrace", "sysmon"])
def test_nothing_is_traced_while_pytest_collects(tmp_path, backend, request):
    # Lines run at import belong to no test, and tracing them cost a third of the run on a suite whose
    # collection imports much; the first test must still get its own lines.
    python = request.getfixturevalue("python312") if backend == "sysmon" else None
    root = tmp_path / "proj"
    root.mkdir()
    (root / "mod.py").write_text("def one():\n    return 1\n")
    (root / "test_mod.py").write_text(_TRACE_PROBE)
    s = collect(root, backend="auto" if python else backend, python=python)
    assert s.meta["backend"] == backend
    assert outcomes(s) == {"test_untraced_import": "passed", "test_one": "failed"}
    assert covered(s, "test_one") == {("mod.py", 2)}


def test_syntax_error_in_imported_source(project):
    with pytest.raises(CollectionError, match=r"SyntaxError.*broken\.py:5"):
        localize(project("syntax"))


def test_non_utf8_source_without_cookie(project):
    with pytest.raises(SourceError, match=r"greet\.py: line 2 is not valid utf-8"):
        collect(project("latin1"))


def test_non_utf8_source_with_cookie_works(project):
    root = project("latin1_cookie")
    ranking = localize(root, formula="ochiai")
    assert (ranking.files[0], ranking.lines[0]) == ("greet.py", 7)
    assert localize(root).method == "tflm"  # the default model reads it too


def test_no_tests(project):
    with pytest.raises(NothingToLocalize, match="no tests"):
        collect(project("no_tests"))


def test_no_failing_test(project):
    with pytest.raises(NothingToLocalize, match="no failing test"):
        localize(project("all_pass"))


def test_missing_interpreter(project):
    with pytest.raises(InterpreterError, match="not found"):
        collect(project("mid"), python="/no/such/python")


def test_interpreter_without_pytest(project, tmp_path):
    import venv

    venv.create(tmp_path / "bare", with_pip=False)
    with pytest.raises(InterpreterError, match="pytest is not installed"):
        collect(project("mid"), python=tmp_path / "bare" / "bin" / "python")


def test_running_interpreter_answers_for_itself(monkeypatch):
    from tflm.collection import interpreter

    exe = os.path.abspath(sys.executable)
    st = os.stat(exe)
    asked = interpreter._probe(exe, st.st_mtime_ns, st.st_ino)  # in a subprocess
    interpreter._probe.cache_clear()
    monkeypatch.setattr(interpreter.subprocess, "run", lambda *a, **k: pytest.fail("spawned a probe"))
    assert interpreter.probe() == interpreter.probe(exe) == asked


def test_another_path_to_the_same_binary_is_asked(monkeypatch, tmp_path):
    # A venv's python is a link to the base interpreter: the same file, another environment.
    from tflm.collection import interpreter

    link = tmp_path / "python"
    link.symlink_to(os.path.realpath(sys.executable))
    spawned = []
    real = interpreter.subprocess.run
    monkeypatch.setattr(interpreter.subprocess, "run", lambda cmd, **k: spawned.append(cmd) or real(cmd, **k))
    with contextlib.suppress(InterpreterError):  # the base interpreter may have no pytest
        interpreter.probe(link)
    assert spawned and spawned[0][0] == str(link)


def test_a_probe_answer_is_kept_on_disk_until_the_target_changes(tmp_path, monkeypatch):
    from tflm.collection import interpreter, interpreter_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    site, later = tmp_path / "site-packages", tmp_path / "user-site"
    site.mkdir()
    runs, fake = tmp_path / "runs", tmp_path / "python"
    mods = {"pytest": True, "coverage": True, "pytest_cov": True, "xdist": False}
    answer = {"version": [3, 11, 0], "executable": str(fake), "mods": mods, "path": [str(site), str(later)]}
    fake.write_text(f"#!/bin/sh\necho run >> {runs}\necho '{json.dumps(answer)}'\n")
    fake.chmod(0o755)

    def probes() -> int:  # a new process: the in-memory cache starts empty
        interpreter._probe.cache_clear()
        got = interpreter.probe(fake)
        assert got.version == (3, 11, 0) and got.has_pytest_cov and not got.has_xdist
        return runs.read_text().count("run")

    assert probes() == 1 and probes() == 1  # the second answer came from disk
    t = site.stat().st_mtime_ns + 10**9
    os.utime(site, ns=(t, t))  # a package installed or removed there
    assert probes() == 2 and probes() == 2
    later.mkdir()  # a sys.path entry that did not exist appears
    assert probes() == 3
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    assert probes() == 4
    interpreter_cache.cache_file().write_text("{not json")
    assert probes() == 5 and probes() == 5  # a corrupt cache is asked past, then rewritten


def test_an_interpreter_that_failed_the_probe_is_asked_again(tmp_path, monkeypatch):
    from tflm.collection import interpreter

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    runs, fake = tmp_path / "runs", tmp_path / "python"
    mods = {"pytest": False, "coverage": False, "pytest_cov": False, "xdist": False}
    answer = {"version": [3, 11, 0], "executable": str(fake), "mods": mods, "path": []}
    fake.write_text(f"#!/bin/sh\necho run >> {runs}\necho '{json.dumps(answer)}'\n")
    fake.chmod(0o755)
    for n in (1, 2):
        interpreter._probe.cache_clear()
        with pytest.raises(InterpreterError, match="pytest is not installed"):
            interpreter.probe(fake)
        assert runs.read_text().count("run") == n


def test_spectrum_roundtrip(project, tmp_path):
    s = collect(project("exits"))
    s.save(tmp_path / "s.npz")
    t = Spectrum.load(tmp_path / "s.npz")
    assert t.tests == s.tests and list(t.outcomes) == list(s.outcomes)
    assert (t.coverage != s.coverage).nnz == 0
    assert t.failures == s.failures
    np.testing.assert_array_equal(t.line_no, s.line_no)


def test_coverage_rows_equal_scipy_csr_with_repeats_and_empty_rows():
    import scipy.sparse as sp

    from tflm.spectrum import CoverageRows

    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 7, 200), rng.integers(0, 11, 200)
    rows[rows == 3] = 4  # row 3 empty
    built = CoverageRows.from_pairs(rows, cols, (7, 11)).to_csr()
    expected = sp.csr_matrix((np.ones(200, dtype=bool), (rows, cols)), shape=(7, 11))
    expected.sum_duplicates()
    assert built.has_canonical_format
    np.testing.assert_array_equal(built.indptr, expected.indptr)
    np.testing.assert_array_equal(built.indices, expected.indices)
    assert built.dtype == bool and built.shape == (7, 11)
    empty = CoverageRows.from_pairs(np.zeros(0, int), np.zeros(0, int), (3, 0)).to_csr()
    assert empty.shape == (3, 0) and empty.nnz == 0


def test_collecting_and_saving_import_no_scipy(project, tmp_path):
    """scipy's import is a tenth of a second of CPU that would compete with the tests; the spectrum turns
    into a csr_matrix only when read."""
    code = (
        "import sys, tflm\n"
        f"s = tflm.collect({str(project('mid'))!r})\n"
        f"s.save({str(tmp_path / 's.npz')!r})\n"
        "print('scipy' in sys.modules)\n"
        "print(s.coverage.shape, 'scipy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["False", f"{Spectrum.load(tmp_path / 's.npz').coverage.shape} True"]


def test_runs_in_the_callers_interpreter_by_default(project):
    s = collect(project("mid"))
    assert s.meta["python"] == ".".join(map(str, sys.version_info[:3]))


def test_every_outcome_kind(project):
    s = collect(project("outcomes"))
    assert outcomes(s) == {
        "test_pass": "passed",
        "test_fail": "failed",
        "test_skip": "skipped",
        "test_xfail": "xfailed",
        "test_xpass": "xpassed",
        "test_setup_error": "error",
        "test_teardown_error": "error",
        "test_raises_custom": "failed",
    }
    f = s.failures
    assert f["test_lib.py::test_setup_error"].exc_type == "KeyError"
    assert ("lib.py", 6) in f["test_lib.py::test_setup_error"].frames
    assert f["test_lib.py::test_raises_custom"].exc_type == "test_lib.test_raises_custom.<locals>.Oops"
    assert f["test_lib.py::test_raises_custom"].message == "custom failure"
    assert not {"test_lib.py::test_pass", "test_lib.py::test_skip", "test_lib.py::test_xfail"} & set(f)
    assert s.outcome_counts()["failing"] == 4 and s.outcome_counts()["passing"] == 2


def test_extra_env_reaches_the_tests(tmp_path):
    root, lib = tmp_path / "proj", tmp_path / "lib"
    root.mkdir()
    lib.mkdir()
    (lib / "helper_outside.py").write_text("VALUE = 7\n")
    (root / "mod.py").write_text("def seven():\n    return 7\n")
    (root / "test_mod.py").write_text(
        "import os\nfrom helper_outside import VALUE\nfrom mod import seven\n\n\n"
        "def test_env():\n    assert os.environ['TFLM_TEST_FLAG'] == 'on'\n\n\n"
        "def test_value():\n    assert seven() == VALUE + 1\n"
    )
    s = collect(root, extra_env={"PYTHONPATH": str(lib), "TFLM_TEST_FLAG": "on"})
    assert outcomes(s) == {"test_env": "passed", "test_value": "failed"}


def test_relative_interpreter_path(project, monkeypatch, tmp_path):
    # pytest runs from a scratch copy: a --python given relative to where tflm started must still work.
    root = project("mid")
    monkeypatch.chdir(tmp_path)
    s = collect(root, python=os.path.relpath(sys.executable, tmp_path))
    assert outcomes(s)["test_describe"] == "passed"


def test_the_tests_see_what_python_m_pytest_gives_them(tmp_path):
    # The test interpreter starts before the scratch copy exists and waits for its orders; the tests must
    # not notice: the project root on sys.path (a module beside tests/ imports without a conftest),
    # pytest's __main__ as argv[0], an empty stdin, and the rlimits tflm sets (soft address space only, no
    # core files).
    import resource

    root = tmp_path / "proj"
    (root / "tests").mkdir(parents=True)
    (root / "helper_at_root.py").write_text("def one():\n    return 1\n")
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    (root / "tests" / "test_env.py").write_text(
        "import os, resource, sys\nfrom helper_at_root import one\n\n\n"
        "def test_path():\n    assert os.getcwd() in sys.path\n\n\n"
        "def test_argv():\n    assert sys.argv[0].endswith(os.path.join('pytest', '__main__.py'))\n\n\n"
        "def test_stdin():\n    assert sys.stdin.read() == '' and os.read(0, 10) == b''\n\n\n"
        f"def test_limits():\n    assert resource.getrlimit(resource.RLIMIT_AS) == ({800 * 2**20}, {hard})\n"
        "    assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)\n\n\n"
        "def test_one():\n    assert one() == 2\n"
    )
    s = collect(root, memory_limit=800 * 2**20)
    assert outcomes(s) == dict.fromkeys(["test_path", "test_argv", "test_stdin", "test_limits"], "passed") | {
        "test_one": "failed"
    }


def _shims() -> list[int]:
    """Our test processes still alive: shims whose parent is this process."""
    me = str(os.getpid())
    found = []
    for entry in os.scandir("/proc"):
        with contextlib.suppress(OSError):
            proc = Path("/proc", entry.name)
            if b"tflm-shim" in (proc / "cmdline").read_bytes():
                ppid = (proc / "stat").read_text().rsplit(")", 1)[1].split()[1]
                found += [int(entry.name)] if ppid == me else []
    return found


def test_a_test_interpreter_that_never_ran_is_not_left_behind(tmp_path):
    # It is started before the project is listed; an error found after that must take it down.
    (tmp_path / "data.txt").write_text("no python here\n")
    with pytest.raises(TflmError, match="no Python source files"):
        collect(tmp_path)
    assert _shims() == []
