"""Hostile inputs (issue 16, cases 4, 5, 10 and 11): special files in the project, symlinks that lead to the
user's files, nonsense numbers on the command line, and output paths that cannot be written or would
destroy source. Every hostile project lives under ``tmp_path``, so no FIFO is ever near pytest's own
collection, and every run that could hang runs in a subprocess with a timeout."""

import argparse
import hashlib
import os
import resource
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from helpers import make_spectrum

from tflm import collect
from tflm.cli import MAX_BUGS, _collect_kwargs, _parser
from tflm.collection import files
from tflm.collection.files import find_sources, scratch_copy
from tflm.errors import SourceError, TflmError
from tflm.source import read_source
from tflm.spectrum import Spectrum

MOD = "def price(n):\n    if n > 10:\n        return n * 2\n    return n + 1\n"
TESTS = (
    "from mod import price\n\n\ndef test_small():\n    assert price(1) == 2\n\n\n"
    "def test_big_is_wrong():\n    assert price(20) == 41\n"
)


def make_project(tmp_path: Path, extra_test: str = "") -> Path:
    """A tiny project with one bug; ``extra_test`` is added as ``test_extra.py``."""
    root = tmp_path / "proj"
    root.mkdir()
    (root / "mod.py").write_text(MOD)
    (root / "test_mod.py").write_text(TESTS)
    if extra_test:
        (root / "test_extra.py").write_text(extra_test)
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root`` (links not followed) with its kind, mode and content hash or link text;
    special files are never opened, so a FIFO cannot block this."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = os.lstat(p)
            if stat.S_ISLNK(st.st_mode):
                what = "link:" + os.readlink(p)
            elif stat.S_ISREG(st.st_mode):
                what = hashlib.sha256(p.read_bytes()).hexdigest()
            else:
                what = "special"
            out[str(p.relative_to(root))] = f"{oct(st.st_mode)} {what}"
    return out


def tflm_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command line in a subprocess; a hang fails the test instead of stalling the suite."""
    return subprocess.run(
        [sys.executable, "-m", "tflm", "-q", *args], capture_output=True, text=True, timeout=timeout
    )


def one_error_line(res: subprocess.CompletedProcess) -> str:
    assert res.returncode == 2, res.stderr
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout
    return res.stderr.strip().splitlines()[-1]


def within(seconds: float, fn, *args):
    """``fn(*args)`` in a daemon thread; fails (rather than hangs) if it has not returned in time."""
    outcome = {}

    def run():
        try:
            outcome["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"{fn.__name__} blocked for more than {seconds} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def bind_socket(path: Path) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    return sock


# ---- case 4: FIFOs and sockets --------------------------------------------------------------------------
@pytest.fixture
def special_files(tmp_path):
    """A project holding a FIFO named like source, a FIFO of data and a socket, one of each in a folder."""
    root = make_project(tmp_path)
    (root / "pkg").mkdir()
    os.mkfifo(root / "pipe.py")
    os.mkfifo(root / "pkg" / "data.fifo")
    sock = bind_socket(root / "pkg" / "sock.py")
    yield root
    sock.close()


def test_a_fifo_named_py_neither_blocks_nor_breaks_the_cli(special_files, tmp_path):
    before = snapshot(special_files)
    out = tmp_path / "spec.npz"
    res = tflm_cli("collect", str(special_files), "--out", str(out), "--total-timeout", "5", timeout=120)
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    spectrum = Spectrum.load(out)
    assert spectrum.files == ["mod.py"] and spectrum.n_tests == 2
    assert snapshot(special_files) == before


def test_special_files_are_not_sources_and_are_not_copied(special_files, tmp_path):
    assert within(10, find_sources, special_files) == ["mod.py"]
    dest = within(10, scratch_copy, special_files, tmp_path / "copy")
    assert (dest / "mod.py").read_text() == MOD and (dest / "pkg").is_dir()
    for name in ("pipe.py", "pkg/data.fifo", "pkg/sock.py"):
        assert not os.path.lexists(dest / name)


def test_reading_a_fifo_as_source_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "pipe.py")
    with pytest.raises(SourceError, match="not a regular file"):
        within(10, read_source, tmp_path / "pipe.py")


# ---- case 5: symlinks ---------------------------------------------------------------------------------
WRITE_THROUGH_LINKS = """\
from pathlib import Path

HERE = Path(__file__).parent


def test_reads_then_writes_through_every_link():
    assert (HERE / "data" / "f.txt").read_text() == "user data"
    assert (HERE / "reldata" / "f.txt").read_text() == "user data"
    assert (HERE / "shared.txt").read_text() == "outside file"
    assert (HERE / "outdir" / "o.txt").read_text() == "outside dir"
    for path in ("data/f.txt", "reldata/f.txt", "shared.txt", "outdir/o.txt", "relout/o.txt"):
        (HERE / path).write_text("overwritten by a test")
    (HERE / "data" / "new.txt").write_text("x")
    (HERE / "outdir" / "new.txt").write_text("x")
    (HERE / "ghost_inside").write_text("x")  # a dangling link into the project
    assert not (HERE / "ghost_outside").exists()  # a dangling link out of it: left out
"""


@pytest.fixture
def linked_project(tmp_path):
    """A project with absolute and relative links into itself and out of it, and a folder outside."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.txt").write_text("outside dir")
    (outside / "file.txt").write_text("outside file")
    root = make_project(tmp_path, WRITE_THROUGH_LINKS)
    (root / "realdata").mkdir()
    (root / "realdata" / "f.txt").write_text("user data")
    (root / "data").symlink_to(root / "realdata")  # absolute, into the project: the issue's case
    (root / "reldata").symlink_to("realdata")
    (root / "shared.txt").symlink_to(outside / "file.txt")
    (root / "outdir").symlink_to(outside)
    (root / "relout").symlink_to("../outside")
    (root / "ghost_inside").symlink_to(root / "nothing-yet.txt")
    (root / "ghost_outside").symlink_to(outside / "nothing-yet.txt")
    return root, outside


def test_writes_through_symlinks_never_reach_the_users_files(linked_project):
    root, outside = linked_project
    before = snapshot(root), snapshot(outside)
    s = collect(root)
    outcomes = {t.split("::")[-1]: o for t, o in zip(s.tests, s.outcomes, strict=True)}
    assert outcomes["test_reads_then_writes_through_every_link"] == "passed", s.failures
    assert outcomes["test_big_is_wrong"] == "failed" and outcomes["test_small"] == "passed"
    assert (snapshot(root), snapshot(outside)) == before


def test_the_issues_absolute_link_cannot_overwrite_the_users_data(tmp_path):
    # `data -> /abs/proj/realdata`: the scratch copy's link used to lead straight back to the user's tree.
    root = make_project(
        tmp_path,
        "from pathlib import Path\n\n\ndef test_overwrite():\n"
        "    Path(__file__).with_name('data').joinpath('f.txt').write_text('overwritten')\n",
    )
    (root / "realdata").mkdir()
    (root / "realdata" / "f.txt").write_text("user data")
    (root / "data").symlink_to(root / "realdata")
    collect(root)
    assert (root / "realdata" / "f.txt").read_text() == "user data"


def test_scratch_copy_relinks_inside_and_copies_outside(linked_project, tmp_path):
    root, outside = linked_project
    (root / "up").symlink_to("..")  # holds the project: neither copyable nor safe
    (outside / "loop").symlink_to(outside)  # a cycle out of the project
    dest = scratch_copy(root, tmp_path / "copy")
    for name in ("data", "reldata", "ghost_inside"):  # links into the project stay links, into the copy
        assert (dest / name).is_symlink() and not os.path.isabs(os.readlink(dest / name))
    assert (dest / "data").resolve() == (dest / "realdata").resolve()
    assert (dest / "ghost_inside").resolve() == (dest / "nothing-yet.txt").resolve()
    for name in ("shared.txt", "outdir"):  # links out of it become copies of what they lead to
        assert not (dest / name).is_symlink()
    assert (dest / "relout").resolve() == (dest / "outdir").resolve()  # the same folder: one copy
    assert (dest / "shared.txt").read_text() == "outside file"
    assert (dest / "outdir" / "o.txt").read_text() == "outside dir"
    assert (dest / "outdir" / "loop").resolve() == (dest / "outdir").resolve()
    assert not os.path.lexists(dest / "up") and not os.path.lexists(dest / "ghost_outside")
    for p in dest.rglob("*"):  # nothing in the copy leads out of it
        assert p.resolve().is_relative_to(dest.resolve()), p


def test_links_into_an_uncopied_folder_are_copied(tmp_path):
    root = make_project(tmp_path)
    (root / ".venv").mkdir()
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr\n")
    (root / "cfg").symlink_to(root / ".venv" / "pyvenv.cfg")
    dest = scratch_copy(root, tmp_path / "copy")
    assert not (dest / ".venv").exists()
    assert not (dest / "cfg").is_symlink() and (dest / "cfg").read_text() == "home = /usr\n"


def test_too_much_data_behind_outside_links_is_a_clear_error(tmp_path, monkeypatch):
    root = make_project(tmp_path)
    big = tmp_path / "big"
    big.mkdir()
    (big / "blob").write_bytes(b"x" * 1000)
    (root / "big").symlink_to(big)
    monkeypatch.setattr(files, "OUTSIDE_LINK_BUDGET", 999)
    with pytest.raises(TflmError, match="symlinks in the project point to more than"):
        scratch_copy(root, tmp_path / "copy")


# ---- case 10: numeric options --------------------------------------------------------------------------
def parse_error(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as exc:
        _parser().parse_args(argv)
    assert exc.value.code == 2
    return capsys.readouterr().err.strip().splitlines()[-1]


COMMANDS = {
    "localize": ["localize", "proj"],
    "report": ["report", "spec.npz"],
    "collect": ["collect", "proj", "--out", "s.npz"],
    "fit": ["fit", "data", "--out", "m.npz"],
    "generate": ["corpus", "generate", "corpus"],
    "extract": ["corpus", "extract", "corpus", "--out", "ds"],
}
BAD_NUMBERS = [
    ("localize", "--timeout", "-10"),
    ("localize", "--timeout", "nan"),
    ("localize", "--total-timeout", "-1"),
    ("collect", "--total-timeout", "inf"),
    ("localize", "--memory", "-1"),
    ("collect", "--memory", "1.5"),
    ("localize", "--top", "-2"),
    ("localize", "--top", "0"),
    ("report", "--top", "-1"),
    ("localize", "--bugs", "0"),
    ("report", "--bugs", "9"),
    ("fit", "--program-clusters", "0"),
    ("fit", "--function-clusters", "-1"),
    ("fit", "--min-instances", "0"),
    ("fit", "--n-estimators", "0"),
    ("fit", "--smoothing", "0"),
    ("fit", "--branch-share", "0"),
    ("fit", "--branch-share", "1.5"),
    ("fit", "--l2", "-1"),
    ("fit", "--max-iter", "-1"),
    ("fit", "--listwise-programs", "-5"),
    ("fit", "--seed", "-1"),
    ("generate", "--seed", "-1"),
    ("generate", "--per-base", "-1"),
    ("generate", "--multi-per-base", "-1"),
    ("generate", "--workers", "0"),
    ("extract", "--workers", "-2"),
    ("extract", "--timeout", "0"),
]


@pytest.mark.parametrize("command, option, value", BAD_NUMBERS)
def test_bad_numbers_are_rejected_by_argparse(command, option, value, capsys):
    line = parse_error([*COMMANDS[command], option, value], capsys)
    assert line.startswith(f"tflm {COMMANDS[command][0]}") and f"argument {option}: expected" in line
    assert repr(value) in line


def _numeric_actions():
    parser = _parser()
    stack = [parser]
    while stack:
        p = stack.pop()
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                stack.extend(action.choices.values())
            elif action.type in (int, float):
                yield p.prog, action.option_strings


def test_no_numeric_option_takes_a_bare_int_or_float():
    # A bare `type=int` accepts -10 and 0; every numeric option must say which values make sense.
    assert list(_numeric_actions()) == []


def test_good_numbers_still_parse():
    args = _parser().parse_args(
        ["localize", "p", "--timeout", "0", "--total-timeout", "2.5", "--memory", "0", "--top", "1"]
    )
    kwargs = _collect_kwargs(args)
    assert kwargs["test_timeout"] is None and kwargs["total_timeout"] == 2.5
    assert kwargs["memory_limit"] is None and args.top == 1
    args = _parser().parse_args(
        ["fit", "d", "--out", "m.npz", "--branch-share", "1", "--listwise-programs", "0"]
    )
    assert args.branch_share == 1.0 and args.listwise_programs == 0
    assert _parser().parse_args(["localize", "p", "--bugs", str(MAX_BUGS)]).bugs == MAX_BUGS


def test_max_bugs_matches_the_inference():
    from tflm.rspn.inference import MAX_BUGS as ENGINE_MAX

    assert MAX_BUGS == ENGINE_MAX


def test_unsplittable_tests_argument(capsys):
    line = parse_error(["localize", "p", "--tests", "'x"], capsys)
    assert "argument --tests: cannot split" in line and "No closing quotation" in line
    assert _parser().parse_args(["localize", "p", "--tests", "a.py -k 'x or y'"]).tests == [
        "a.py",
        "-k",
        "x or y",
    ]


def _hard_memory_limit(mib: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mib * 1024**2, mib * 1024**2))

    return limit


def test_memory_above_the_shells_hard_limit(tmp_path):
    # `ulimit -v` in the shell: the test process could never get more, and asking for it crashed.
    root = make_project(tmp_path)
    res = subprocess.run(
        [sys.executable, "-m", "tflm", "-q", "localize", str(root), "--memory", "4096"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_hard_memory_limit(2048),
    )
    assert "above the hard limit of 2048 MiB" in one_error_line(res)


def test_the_default_memory_limit_yields_to_a_lower_hard_limit(monkeypatch):
    monkeypatch.setattr("tflm.cli._hard_memory_mb", lambda: 1000)
    assert (
        _collect_kwargs(_parser().parse_args(["collect", "p", "--out", "s.npz"]))["memory_limit"]
        == 1000 * 1024**2
    )


@pytest.mark.parametrize(
    "args",
    [["--timeout", "-10"], ["--total-timeout", "-1"], ["--memory", "-1"], ["--tests", "'x"], ["--top", "-2"]],
)
def test_the_issues_numbers_via_the_real_cli(args, tmp_path):
    root = make_project(tmp_path)
    line = one_error_line(tflm_cli("localize", str(root), *args, timeout=60))
    assert line.startswith("tflm localize: error: argument")


# ---- case 11: output paths -----------------------------------------------------------------------------
@pytest.fixture
def watched(tmp_path):
    """A project whose tests leave a marker when they run: a refused output must stop tflm before that."""
    marker = tmp_path / "tests-ran"
    root = make_project(
        tmp_path, f"from pathlib import Path\n\n\ndef test_mark():\n    Path({str(marker)!r}).touch()\n"
    )
    (root / "README.md").write_text("# the user's readme\n")
    return root, marker


def _refused(root: Path, marker: Path, *args: str) -> str:
    before = snapshot(root)
    line = one_error_line(tflm_cli(*args, timeout=120))
    assert not marker.exists(), "the tests ran before the output path was checked"
    assert snapshot(root) == before
    return line


@pytest.mark.parametrize(
    "command, option, target, message",
    [
        ("collect", "--out", "/nonexistent/dir/x.npz", "no such directory: /nonexistent/dir"),
        ("localize", "--html", "/nonexistent/r.html", "no such directory: /nonexistent"),
        ("collect", "--out", "{root}/mod.py", "refusing to write over Python source"),
        ("collect", "--out", "{root}/test_mod.py", "refusing to write over Python source"),
        ("localize", "--html", "{root}/new_module.py", "refusing to write over Python source"),
        ("collect", "--out", "{root}/link.npz", "refusing to write over Python source (it leads to"),
        ("collect", "--out", "{root}", "it is a directory"),
        ("localize", "--html", "{root}/README.md", "refusing to replace README.md, a file of the project"),
        ("collect", "--out", "{root}/fifo.npz", "it is not a regular file"),
    ],
)
def test_bad_output_paths_are_refused_before_the_run(watched, command, option, target, message):
    root, marker = watched
    (root / "link.npz").symlink_to("mod.py")
    os.mkfifo(root / "fifo.npz")
    line = _refused(root, marker, command, str(root), option, target.format(root=root))
    assert line.startswith("tflm: cannot write the ") and message in line


def test_a_missing_model_is_refused_before_the_run(watched):
    root, marker = watched
    line = _refused(root, marker, "localize", str(root), "--model", "/no/such/model.npz")
    assert line == "tflm: /no/such/model.npz: no such model file"


def test_earlier_outputs_inside_the_project_may_be_replaced(watched):
    root, _ = watched
    for _ in range(2):  # the second run replaces the first one's spectrum
        res = tflm_cli("collect", str(root), "--out", str(root / "spec.npz"))
        assert res.returncode == 0, res.stderr
    assert Spectrum.load(root / "spec.npz").n_tests == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_refused(watched, tmp_path):
    root, marker = watched
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    line = _refused(root, marker, "collect", str(root), "--out", str(locked / "s.npz"))
    assert "permission denied" in line


def test_other_commands_check_their_outputs_first(tmp_path):
    spec = tmp_path / "s.npz"
    make_spectrum([[1, 0], [0, 1]], ["failed", "passed"]).save(spec)
    (tmp_path / "afile").write_text("x")
    cases = [
        (["report", str(spec), "--formula", "ochiai", "--html", "/nonexistent/r.html"], "HTML report"),
        (["fit", str(tmp_path / "no-dataset"), "--out", "/nonexistent/m.npz"], "model"),
        (["fit", str(tmp_path / "no-dataset"), "--out", str(tmp_path / "m.py")], "model"),
        (["corpus", "extract", str(tmp_path), "--out", str(tmp_path / "afile")], "dataset"),
    ]
    for args, what in cases:
        assert one_error_line(tflm_cli(*args, timeout=120)).startswith(f"tflm: cannot write the {what} to")
