"""What tflm costs in wall time: pytest start-up with tflm installed, ``tflm --version``, and spectrum
collection against plain pytest and pytest-cov on the same suites.

Two tables, every figure a median of ``--repeat`` runs, interleaved (so drifting machine load hits every
mode alike), and each ratio taken against a baseline measured in the same loop:

1. **Start-up** (per Python version), on the 7-test ``mid`` suite: ``pytest`` in a venv where tflm is
   installed (editable, with its dependencies), against the same command with ``-p no:tflm`` and against a
   venv without tflm; ``tflm --version`` against ``python -c pass``.
2. **Collection** (per Python version and subject), wall time of whole commands including their start-up:

   - ``plain``: ``python -m pytest`` in a target venv without tflm (and ``-p no:tflm`` besides);
   - ``pytest-cov``: ``pytest --cov=PKG --cov-context=test`` (the standard way to get per-test coverage;
     forced to coverage's ``ctrace`` core, since its sys.monitoring core gives wrong per-test contexts), with
     a config file of our own in place of the project's: line coverage with the tests omitted, which is what
     tflm records (mpmath's ``setup.cfg`` asks for branch coverage, which would slow this baseline down);
   - ``tflm``: ``python -m tflm collect ROOT --python TARGET --out FILE`` from this interpreter, with the
     default backend for the target's Python (coverage's C tracer with per-test contexts on 3.8 and 3.11,
     our ``sys.monitoring`` tracer on 3.12+), including the scratch copy and tflm's own start-up.

Subjects: ``mid`` (the 7-test fixture ``tests/fixtures/projects/mid``: start-up dominates), the example
project ``examples/shop`` (20 tests), and real packages' own test suites, downloaded from PyPI as source
distributions at pinned versions (toolz and mpmath at pins that install and pass on 3.8, 3.11 and 3.12):

- ``toolz`` 1.0.0 (the last release for 3.8): 3.7k lines, 180 small, fast tests in ``toolz/tests``;
- ``mpmath`` 1.3.0, the large CPU-bound suite: 47.7k lines of pure Python in the package (``mpmath/tests``
  excluded), arbitrary-precision arithmetic whose tests spend their time in the package's own code. Its
  suite minus the three slowest files (``test_functions2``, ``test_calculus``, ``test_elliptic``, about 60 of
  its 78 s on 3.12 here) takes 15-25 s under plain pytest; ``setup.cfg`` adds ``--doctest-modules``;
- ``more-itertools`` 11.2.1 and ``attrs`` 26.1.0, whose pins need Python 3.11+ and 3.9+: a Python below a
  subject's minimum skips it.

tflm's own modules run from bytecode, as after ``pip install`` (see ``compile_tflm``: every command runs
with ``PYTHONDONTWRITEBYTECODE=1``, and tflm is installed editable from this checkout).

Interpreters are taken from pyenv or ``PATH``; a version found in neither is installed with ``uv python
install`` (uv itself pip-installed into a venv in the cache, its Pythons kept in the cache too). Venvs and
downloads are cached in ``benchmarks/.cache``.

Usage::

    python benchmarks/collect_overhead.py [--repeat 5] [--startup-repeat 21] [--pythons 3.8 3.11 3.12]
                                          [--subjects mid shop toolz mpmath] [--no-startup]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"


@dataclass(frozen=True)
class Subject:
    name: str
    pypi: str | None  # "name==version" of the sdist to fetch, or None for a folder in the repo
    package: str  # what --cov measures
    tests: tuple[str, ...]  # pytest arguments
    extra_deps: tuple[str, ...] = ()
    editable: bool = False  # src-layout projects are installed in develop mode so tests can import them
    min_python: tuple[int, int] = (3, 8)  # the pin's Requires-Python: older interpreters skip the subject


# mpmath's slowest three files (about 60 of the suite's 78 s on 3.12 here) are left out, for a 15-25 s run.
MPMATH_SLOW = ("test_functions2.py", "test_calculus.py", "test_elliptic.py")

SUBJECTS = {
    "mid": Subject("mid", None, "mid", ()),
    "shop": Subject("shop", None, "shop", ("tests",)),
    "toolz": Subject("toolz", "toolz==1.0.0", "toolz", ("toolz/tests",)),
    "mpmath": Subject(
        "mpmath",
        "mpmath==1.3.0",
        "mpmath",
        ("mpmath/tests", *(f"--ignore=mpmath/tests/{f}" for f in MPMATH_SLOW)),
    ),
    "more-itertools": Subject(
        "more-itertools", "more-itertools==11.2.1", "more_itertools", ("tests",), min_python=(3, 11)
    ),
    "attrs": Subject(
        "attrs",
        "attrs==26.1.0",
        "attr",
        ("tests", "-p", "no:warnings"),
        ("hypothesis", "cloudpickle"),
        editable=True,
        min_python=(3, 9),
    ),
}

# Coverage settings of the pytest-cov baseline, in place of the project's own (mpmath's asks for branches):
# what tflm records, line coverage of the source with the tests left out.
COVERAGERC = "[run]\nbranch = False\nomit =\n    */tests/*\n    */test_*.py\n    */conftest.py\n"


def find_python(version: str) -> str | None:
    """An interpreter for ``version`` ("3.12"): pyenv's newest, else ``pythonX.Y`` on PATH, else uv's."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(pyenv.glob(f"{version}.*/bin/python3"), key=lambda p: _patch(p.parts[-3]))
    return str(found[-1]) if found else shutil.which(f"python{version}") or uv_python(version)


def _patch(name: str) -> tuple[int, ...]:
    """Sort key of a pyenv folder name: 3.12.10 after 3.12.9, a suffixed build (3.13.0t) by its digits."""
    return tuple(int("".join(c for c in part if c.isdigit()) or 0) for part in name.split("."))


def uv_python(version: str) -> str | None:
    """Install ``version`` with ``uv python install`` (uv and its Pythons live in the cache); its path."""
    print(f"(Python {version} not found: installing it with uv)", file=sys.stderr)
    uv = str(Path(make_venv("uv", sys.executable, ["uv"])).parent / "uv")
    # --managed-python: the interpreter just installed, neither a venv (ours, or one active in the shell) nor
    # one on PATH (uv stops at the first it cannot run, such as a pyenv shim of a version not selected).
    env = dict(os.environ, UV_PYTHON_INSTALL_DIR=str(CACHE / "uv-python"))
    env.pop("VIRTUAL_ENV", None)
    try:
        sh(uv, "python", "install", version, cwd=CACHE, env=env)
    except subprocess.CalledProcessError as exc:
        print(f"(uv python install {version} failed: {exc.stderr.decode().strip()[-500:]})", file=sys.stderr)
        return None
    res = subprocess.run(
        [uv, "python", "find", "--managed-python", version],
        cwd=CACHE,
        env=env,
        capture_output=True,
        text=True,
    )
    found = res.stdout.strip() if res.returncode == 0 else ""
    return found or None


def sh(*cmd: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def fetch(subject: Subject) -> Path:
    """The subject's source tree: from the repo, or an sdist from PyPI unpacked into the cache."""
    if subject.name == "mid":
        return REPO / "tests" / "fixtures" / "projects" / "mid"
    if subject.pypi is None:
        return REPO / "examples" / subject.name
    dest = CACHE / "src" / subject.pypi.replace("==", "-")
    if dest.exists():
        return dest
    dl = CACHE / "dl"
    dl.mkdir(parents=True, exist_ok=True)
    sh(
        sys.executable,
        "-m",
        "pip",
        "download",
        "-q",
        "--no-deps",
        "--no-binary",
        ":all:",
        "-d",
        str(dl),
        subject.pypi,
    )
    name, version = subject.pypi.split("==")
    stem = f"{name.replace('-', '_')}-{version}"
    sdist = next(
        p for p in dl.glob("*.tar.gz") if p.name.replace("-", "_").startswith(stem.replace("-", "_"))
    )
    with tarfile.open(sdist) as tar:
        tar.extractall(CACHE / "src", filter="data")
    top = CACHE / "src" / sdist.name.removesuffix(".tar.gz")
    top.rename(dest)
    return dest


def make_venv(name: str, base: str, packages: list[str]) -> str:
    """A venv in the cache with ``packages`` installed (a no-op for those already there)."""
    venv = CACHE / name
    py = venv / "bin" / "python"
    if not py.exists():
        sh(base, "-m", "venv", str(venv))
    sh(str(py), "-m", "pip", "install", "-q", *packages)
    return str(py)


def target_venv(version: str, base: str, subjects: list[Subject], trees: dict[str, Path]) -> str:
    """The test environment: pytest, pytest-cov and the subjects' needs; no tflm."""
    deps = {"pytest", "pytest-cov", "coverage"} | {d for s in subjects for d in s.extra_deps}
    py = make_venv(f"venv-{version}", base, sorted(deps))
    for s in subjects:
        if s.editable:
            sh(py, "-m", "pip", "install", "-q", "--no-deps", "-e", str(trees[s.name]))
    return py


def compile_tflm(py: str) -> None:
    """Write tflm's bytecode for interpreter ``py``, as pip does when it installs a package.

    Every command here runs with ``PYTHONDONTWRITEBYTECODE=1`` (so that nothing writes into the trees), and
    tflm is installed editable from this checkout: without this, each ``tflm`` run would compile tflm's own
    sources (about 25 ms before the tests could start), while pytest and coverage in the target venvs run
    from the bytecode pip wrote. Files that need a newer Python than ``py`` are skipped by compileall.
    """
    subprocess.run(
        [py, "-m", "compileall", "-q", str(REPO / "tflm")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )


def timed(cmd: list[str], cwd: Path, env: dict[str, str], check: bool = False) -> float:
    t0 = time.perf_counter()
    res = subprocess.run(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - t0
    if check and res.returncode not in (0, 1):  # pytest's 1 is "tests failed": the subjects have failures
        raise SystemExit(f"{' '.join(cmd)} exited with {res.returncode}:\n{res.stderr.decode()[-2000:]}")
    return elapsed


def medians(cmds: dict[str, tuple[list[str], Path]], env: dict[str, str], repeat: int) -> dict[str, float]:
    """Median wall time of each command, run interleaved ``repeat`` times after one warm-up round."""
    for cmd, cwd in cmds.values():  # warm the file cache: the first run of anything pays for the disk
        timed(cmd, cwd, env, check=True)
    times: dict[str, list[float]] = {mode: [] for mode in cmds}
    order = list(cmds)
    for i in range(repeat):
        for mode in order[i % len(order) :] + order[: i % len(order)]:  # rotated: no mode always goes first
            cmd, cwd = cmds[mode]
            times[mode].append(timed(cmd, cwd, env))
    return {mode: statistics.median(ts) for mode, ts in times.items()}


def startup(version: str, base: str, plain_py: str, suite: Path, repeat: int) -> dict[str, float]:
    tflm_py = make_venv(f"venv-{version}-tflm", base, ["pytest", "pytest-cov", "coverage", "-e", str(REPO)])
    tflm_exe = str(Path(tflm_py).parent / "tflm")
    compile_tflm(tflm_py)  # the plugin pytest imports at start-up
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    pytest_args = ["-m", "pytest", "-q", "-p", "no:cacheprovider"]
    with tempfile.TemporaryDirectory(prefix="tflm-bench-") as work:
        tiny = Path(work) / "suite"  # a copy outside the repo, away from the repo's own pytest config
        shutil.copytree(suite, tiny)
        return medians(
            {
                "pytest, tflm installed": ([tflm_py, *pytest_args], tiny),
                "pytest -p no:tflm": ([tflm_py, *pytest_args, "-p", "no:tflm"], tiny),
                "pytest, venv without tflm": ([plain_py, *pytest_args], tiny),
                "tflm --version": ([tflm_exe, "--version"], tiny),
                "python -c pass": ([tflm_py, "-c", "pass"], tiny),
            },
            env,
            repeat,
        )


def collection(subject: Subject, root: Path, py: str, repeat: int, work: Path) -> dict[str, float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", COVERAGE_CORE="ctrace")
    # A private copy, so that the plain and pytest-cov runs never write into the cached tree.
    tree = work / f"{subject.name}-{Path(py).parts[-3]}"
    shutil.copytree(root, tree)
    rc = work / "coveragerc"  # outside the tree: tflm's scratch copy of it stays as the project ships it
    rc.write_text(COVERAGERC)
    base = [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *subject.tests]
    out = work / "spectrum.npz"
    tflm_cmd = [sys.executable, "-m", "tflm", "-q", "collect", str(tree), "--python", py, "--out", str(out)]
    tflm_cmd += ["--timeout", "120", "--tests", " ".join(subject.tests)]
    return medians(
        {
            "plain": ([*base, "-p", "no:tflm", "--no-cov"], tree),
            "pytest-cov": (
                [
                    *base,
                    f"--cov={subject.package}",
                    f"--cov-config={rc}",
                    "--cov-context=test",
                    "--cov-report=",
                ],
                tree,
            ),
            "tflm": (tflm_cmd, tree),
        },
        env,
        repeat,
    )


def spectrum_size(path: Path) -> tuple[str, int, int]:
    from tflm.spectrum import Spectrum

    spec = Spectrum.load(path)
    return spec.meta["backend"], spec.n_tests, spec.n_lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument(
        "--startup-repeat", type=int, default=21, help="runs of each start-up command (21: they are short)"
    )
    ap.add_argument("--pythons", nargs="+", default=["3.8", "3.11", "3.12"])
    ap.add_argument("--subjects", nargs="+", default=list(SUBJECTS), choices=list(SUBJECTS))
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up table")
    args = ap.parse_args()

    subjects = [SUBJECTS[s] for s in args.subjects]
    compile_tflm(sys.executable)
    trees = {s.name: fetch(s) for s in subjects}
    suite = fetch(SUBJECTS["mid"])
    starts, rows = [], []
    for version in args.pythons:
        base = find_python(version)
        if base is None:
            print(f"(skipping Python {version}: not found)", file=sys.stderr)
            continue
        major_minor = tuple(int(x) for x in version.split(".")[:2])
        runnable = [s for s in subjects if major_minor >= s.min_python]
        for s in subjects:
            if s not in runnable:
                need = ".".join(map(str, s.min_python))
                print(f"(skipping {s.pypi} on Python {version}: it needs {need}+)", file=sys.stderr)
        py = target_venv(version, base, runnable, trees)
        if not args.no_startup:
            starts.append((version, startup(version, base, py, suite, args.startup_repeat)))
            print(f"start-up on {version}: {starts[-1][1]}", file=sys.stderr)
        for s in runnable:
            with tempfile.TemporaryDirectory(prefix="tflm-bench-") as work:
                t = collection(s, trees[s.name], py, args.repeat, Path(work))
                rows.append((s.name, version, *spectrum_size(Path(work) / "spectrum.npz"), t))
            print(f"collection of {s.name} on {version}: {t}", file=sys.stderr)

    n = args.repeat
    if starts:
        print(f"\nStart-up, the 7-test mid suite (wall seconds, median of {args.startup_repeat} runs)\n")
        print(
            "| python | pytest, tflm installed | pytest -p no:tflm | ratio | pytest, no tflm in venv "
            "| tflm --version | python -c pass |"
        )
        print("|---|---|---|---|---|---|---|")
        for version, t in starts:
            with_t, without = t["pytest, tflm installed"], t["pytest -p no:tflm"]
            print(
                f"| {version} | {with_t:.3f} | {without:.3f} | {with_t / without:.3f}× "
                f"| {t['pytest, venv without tflm']:.3f} | {t['tflm --version']:.3f} "
                f"| {t['python -c pass']:.3f} |"
            )
    print(
        f"\nCollection (wall seconds including start-up, median of {n} runs; ratios to plain pytest "
        "and to pytest-cov)\n"
    )
    print(
        "| subject | python | tflm backend | tests | lines | plain pytest | pytest-cov contexts "
        "| tflm collect | tflm / plain | tflm / pytest-cov |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, version, backend, n_tests, n_lines, t in rows:
        plain, cov, tf = t["plain"], t["pytest-cov"], t["tflm"]
        print(
            f"| {name} | {version} | {backend} | {n_tests} | {n_lines} | {plain:.2f} | {cov:.2f} "
            f"({cov / plain:.2f}×) | {tf:.2f} | {tf / plain:.2f}× | {tf / cov:.2f}× |"
        )


if __name__ == "__main__":
    main()
