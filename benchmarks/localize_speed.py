"""Where ``tflm localize`` spends its time after the tests ran, and posteriors on a 100,000-line program.

Three tables:

1. **End to end** on toolz 1.0.0 (PyPI sdist, 3.7k lines, 180 tests) with one bug put into a private copy
   (``frequencies`` counts each item twice): plain pytest, ``tflm collect``, ``tflm localize`` and
   ``tflm localize --html``, whole commands, interleaved medians of ``--repeat`` runs; the acceptance ratio
   is ``localize / collect``.
2. **The split** of the work after the run, in this process, best of ``--repeat``: wall and CPU seconds of
   the imports (in a fresh interpreter), the line table, a cold and a cached model load, the posteriors,
   and the terminal and HTML reports. ``tflm localize`` imports and loads the model in a background thread
   while the tests run, so only the line table, the posteriors and the reports follow the run.
3. **A 100,000-line program** (the toolz line table repeated, its functions kept apart) ranked by the shipped
   model: CPU time of the posteriors with every numeric library held to one thread, so the figure is one
   core's work whatever else the machine does; and of the line SPNs alone, folded (``tflm.rspn.folding``)
   against every node evaluated, the path before the fold, as a same-process ratio.

Usage::

    python benchmarks/localize_speed.py [--repeat 5] [--lines 100000]
"""

from __future__ import annotations

import os

# One core for table 3: set before numpy loads its BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import io  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from collect_overhead import SUBJECTS, fetch, medians  # noqa: E402
from model_speed import synthetic_program  # noqa: E402

BUG = ("toolz/itertoolz.py", "        d[item] += 1\n", "        d[item] += 2\n")


def buggy_toolz(work: Path) -> Path:
    """A private copy of the toolz sdist with one faulty line."""
    tree = work / "toolz"
    shutil.copytree(fetch(SUBJECTS["toolz"]), tree)
    path, good, bad = BUG
    text = (tree / path).read_text()
    if text.count(good) != 1:
        raise SystemExit(f"the line to break is not in {path} exactly once")
    (tree / path).write_text(text.replace(good, bad))
    return tree


def best(repeat: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Best wall and best CPU seconds of ``repeat`` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - c)
        walls.append(time.perf_counter() - w)
    return min(walls), min(cpus)


def end_to_end(tree: Path, repeat: int, work: Path) -> dict[str, float]:
    tflm = [sys.executable, "-m", "tflm", "-q"]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    cmds = {
        "plain pytest": (
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:tflm"],
            tree,
        ),
        "tflm collect": ([*tflm, "collect", str(tree), "--out", str(work / "s.npz")], tree),
        "tflm localize": ([*tflm, "localize", str(tree)], tree),
        "tflm localize --html": ([*tflm, "localize", str(tree), "--html", str(work / "r.html")], tree),
    }
    return medians(cmds, env, repeat)


def import_time(repeat: int) -> tuple[float, float]:
    code = (
        "import time; w, c = time.perf_counter(), time.process_time()\n"
        "import tflm.localization, tflm.report, tflm.report.html\n"
        "print(time.perf_counter() - w, time.process_time() - c)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(repeat)
    ]
    pairs = [tuple(map(float, r.stdout.split())) for r in runs]
    return min(p[0] for p in pairs), min(p[1] for p in pairs)


def split(spectrum_path: Path, repeat: int, work: Path) -> list[tuple[str, float, float]]:
    from rich.console import Console

    from tflm.features.table import line_table
    from tflm.localization import load_model, rank_spectrum
    from tflm.model import _read_cached
    from tflm.report import print_ranking
    from tflm.report.html import write_html
    from tflm.spectrum import Spectrum

    spectrum = Spectrum.load(spectrum_path)
    table = line_table(spectrum)
    model = load_model(None)
    ranking = rank_spectrum(spectrum, model=model, table=table)

    def cold_load() -> None:
        _read_cached.cache_clear()
        load_model(None)

    quiet = Console(file=io.StringIO(), width=120)
    rows = [("imports (fresh interpreter)", *import_time(repeat))]
    rows.append(("line table", *best(repeat, lambda: line_table(spectrum))))
    rows.append(("model load and compile, cold", *best(repeat, cold_load)))
    rows.append(("model load, cached", *best(repeat, lambda: load_model(None))))
    rows.append(("posteriors", *best(repeat, lambda: model.predict_proba(table))))
    rows.append(
        (
            "ranking (posteriors + order)",
            *best(repeat, lambda: rank_spectrum(spectrum, model=model, table=table)),
        )
    )
    rows.append(("terminal report", *best(repeat, lambda: print_ranking(ranking, console=quiet))))
    rows.append(("HTML report", *best(repeat, lambda: write_html(work / "r.html", spectrum, ranking, table))))
    return rows


def big_program(spectrum_path: Path, n_lines: int, repeat: int) -> tuple[int, list[tuple[str, float, float]]]:
    """CPU time of the two queries, and of the line SPNs alone: folded (what the queries use) and every
    node evaluated (the path before the fold, still what training differentiates), in the same process."""
    from tflm.features.table import line_table
    from tflm.localization import load_model
    from tflm.rspn.inference import CHUNK, compiled_spns, joint_lines
    from tflm.rspn.schema import design
    from tflm.spectrum import Spectrum

    table = line_table(Spectrum.load(spectrum_path)).assign(bug="toolz")
    big = synthetic_program(table, n_lines)
    model = load_model(None)
    x = design(big, model.members_[0].schema, with_label=False).line_x
    joint = joint_lines(model.members_)
    each = [compiled_spns(m)[0] for m in model.members_]

    def folded() -> None:
        joint.log_likelihood(x, fast=True)

    def every_node() -> None:
        for spn in each:
            for start in range(0, len(x), CHUNK):
                spn.values(x[start : start + CHUNK])

    rows = [
        ("P(bug)", *best(repeat, lambda: model.predict_proba(big))),
        ("P(bug \\| exactly one)", *best(repeat, lambda: model.predict_proba(big, bugs=1))),
        ("line SPNs, folded (used above)", *best(repeat, folded)),
        ("line SPNs, every node (before)", *best(repeat, every_node)),
    ]
    return len(big), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--lines", type=int, default=100_000)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="tflm-bench-") as tmp:
        work = Path(tmp)
        tree = buggy_toolz(work)
        e2e = end_to_end(tree, args.repeat, work)
        rows = split(work / "s.npz", args.repeat, work)
        n, big_rows = big_program(work / "s.npz", args.lines, args.repeat)

    base = e2e["tflm collect"]
    print(
        f"\nEnd to end on toolz 1.0.0 with one bug (wall seconds, median of {args.repeat} interleaved runs)\n"
    )
    print("| command | wall | × plain pytest | × tflm collect |")
    print("|---|---|---|---|")
    for name, t in e2e.items():
        print(f"| `{name}` | {t:.2f} | {t / e2e['plain pytest']:.2f}× | {t / base:.2f}× |")
    print(f"\nAfter the run, in one process (best of {args.repeat})\n")
    print("| step | wall s | CPU s |")
    print("|---|---|---|")
    for name, w, c in rows:
        print(f"| {name} | {w:.3f} | {c:.3f} |")
    print(f"\nShipped model on one {n:,}-line program, one thread (best of {args.repeat})\n")
    print("| query | wall s | CPU s |")
    print("|---|---|---|")
    for name, w, c in big_rows:
        print(f"| {name} | {w:.3f} | {c:.3f} |")
    print(
        f"\nThe fold makes the line SPNs {big_rows[3][2] / big_rows[2][2]:.2f}× faster (CPU, same process)."
    )


if __name__ == "__main__":
    main()
