"""Wall-time overhead of spectrum collection against a plain pytest run of the same suite.

For each subject and each Python version found, this script times, in one process and interleaved:

- ``plain``: ``python -m pytest`` on the suite;
- ``pytest-cov``: ``pytest --cov=PKG --cov-context=test`` (the standard way to get per-test coverage; forced
  to coverage's ``ctrace`` core, since its sys.monitoring core gives wrong per-test contexts);
- ``tflm``: :func:`tflm.collect` with its default backend for that Python (coverage's C tracer with
  per-test contexts on 3.11, our ``sys.monitoring`` tracer on 3.12+), including the scratch copy.

Subjects: the example project shipped in ``examples/shop`` and real packages' own test suites, downloaded
from PyPI as source distributions at run time (more-itertools, attrs). Each timing is the median of
``--repeat`` runs, and is printed as a ratio to ``plain``.

Usage::

    python benchmarks/collect_overhead.py [--repeat 3] [--pythons 3.11 3.12 3.13]
                                          [--subjects shop more-itertools attrs]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
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


SUBJECTS = {
    "shop": Subject("shop", None, "shop", ("tests",)),
    "more-itertools": Subject("more-itertools", "more-itertools==11.2.1", "more_itertools", ("tests",)),
    "attrs": Subject(
        "attrs", "attrs==26.1.0", "attr", ("tests", "-p", "no:warnings"), ("hypothesis", "cloudpickle"), True
    ),
}


def find_python(version: str) -> str | None:
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(pyenv.glob(f"{version}.*/bin/python3"))
    return str(found[-1]) if found else shutil.which(f"python{version}")


def sh(*cmd: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def fetch(subject: Subject) -> Path:
    """The subject's source tree: from the repo, or an sdist from PyPI unpacked into the cache."""
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


def make_venv(version: str, base: str, subjects: list[Subject], trees: dict[str, Path]) -> str:
    venv = CACHE / f"venv-{version}"
    py = venv / "bin" / "python"
    if not py.exists():
        sh(base, "-m", "venv", str(venv))
    deps = {"pytest", "pytest-cov", "coverage"} | {d for s in subjects for d in s.extra_deps}
    sh(str(py), "-m", "pip", "install", "-q", *sorted(deps))  # a no-op when already there
    for s in subjects:
        if s.editable:
            sh(str(py), "-m", "pip", "install", "-q", "--no-deps", "-e", str(trees[s.name]))
    return str(py)


def time_cmd(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def run_tflm(root: Path, py: str, subject: Subject) -> float:
    from tflm import collect

    t0 = time.perf_counter()
    spectrum = collect(root, python=py, tests=list(subject.tests), test_timeout=120, total_timeout=3600)
    elapsed = time.perf_counter() - t0
    run_tflm.last = spectrum  # type: ignore[attr-defined]
    return elapsed


def measure(subject: Subject, root: Path, py: str, repeat: int) -> dict[str, float]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", COVERAGE_CORE="ctrace")
    # Work on a private copy so that the plain and pytest-cov runs never write into the cached tree.
    work = CACHE / "work" / f"{subject.name}-{Path(py).parts[-3]}"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(root, work)
    base = [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *subject.tests]
    cmds = {
        "plain": base + ["--no-cov"],
        "pytest-cov": base + [f"--cov={subject.package}", "--cov-context=test", "--cov-report="],
    }
    times: dict[str, list[float]] = {"plain": [], "pytest-cov": [], "tflm": []}
    for _ in range(repeat):  # interleaved, so drifting machine load hits every mode alike
        for mode, cmd in cmds.items():
            times[mode].append(time_cmd(cmd, work, env))
        times["tflm"].append(run_tflm(work, py, subject))
    return {mode: statistics.median(ts) for mode, ts in times.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pythons", nargs="+", default=["3.11", "3.12", "3.13"])
    ap.add_argument("--subjects", nargs="+", default=list(SUBJECTS), choices=list(SUBJECTS))
    args = ap.parse_args()

    subjects = [SUBJECTS[s] for s in args.subjects]
    trees = {s.name: fetch(s) for s in subjects}
    rows = []
    for version in args.pythons:
        base = find_python(version)
        if base is None:
            print(f"(skipping Python {version}: not found)", file=sys.stderr)
            continue
        py = make_venv(version, base, subjects, trees)
        for s in subjects:
            t = measure(s, trees[s.name], py, args.repeat)
            spec = run_tflm.last  # type: ignore[attr-defined]
            rows.append((s.name, version, spec.meta["backend"], spec.n_tests, spec.n_lines, t))
            print(f"done {s.name} on {version}: {t}", file=sys.stderr)

    print(f"\nCollection overhead (median of {args.repeat} runs; ratio = time / plain pytest)\n")
    print(
        "| subject | python | tflm backend | tests | lines | plain pytest (s) | pytest-cov contexts | tflm |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, version, backend, n_tests, n_lines, t in rows:
        plain = t["plain"]
        print(
            f"| {name} | {version} | {backend} | {n_tests} | {n_lines} | {plain:.2f} | "
            f"{t['pytest-cov'] / plain:.2f}× | {t['tflm'] / plain:.2f}× |"
        )


if __name__ == "__main__":
    main()
