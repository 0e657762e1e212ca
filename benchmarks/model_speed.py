"""Model speed: fit time on a whole dataset, inference throughput, and a synthetic 100,000-line program.

Every time is also given as a ratio to computing Ochiai alone on the same line table, in this process, so
the figures travel between machines better than seconds do.

Usage::

    python benchmarks/model_speed.py --dataset data/native [--lines 100000] [--repeat 3]

The dataset is the output of ``tflm corpus extract corpora/native --out data/native``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from tflm.corpora.extract import load_dataset
from tflm.features.sbfl import ochiai
from tflm.model import TFLM


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def ochiai_time(table: pd.DataFrame, repeat: int) -> float:
    cols = [table[c].to_numpy() for c in ("ef", "ep", "nf", "np", "tf", "tp")]
    return best_of(max(repeat, 5), lambda: ochiai(*cols))


def synthetic_program(data: pd.DataFrame, n_lines: int, seed: int = 0) -> pd.DataFrame:
    """One program of ``n_lines`` lines, made by concatenating real programs' line tables (their functions
    kept apart, renumbered)."""
    rng = np.random.default_rng(seed)
    bugs = data["bug"].unique()
    parts, total, offset = [], 0, 0
    by_bug = dict(tuple(data.groupby("bug", sort=False)))
    while total < n_lines:
        part = by_bug[bugs[rng.integers(len(bugs))]].copy()
        part["func_id"] = part["func_id"] + offset
        offset = int(part["func_id"].max()) + 1
        part["file"] = part["file"].astype(str) + f"#{len(parts)}"
        parts.append(part)
        total += len(part)
    program = pd.concat(parts, ignore_index=True).iloc[:n_lines].drop(columns=["bug"])
    return program


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dataset", default="data/native")
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    data = load_dataset(args.dataset)
    n_bugs = data["bug"].nunique()
    print(f"dataset: {n_bugs} programs, {len(data)} lines, {int(data['faulty'].sum())} faulty lines\n")

    t_och = ochiai_time(data, args.repeat)
    t0 = time.perf_counter()
    model = TFLM(random_state=0).fit(data)
    t_fit = time.perf_counter() - t0
    info = model.fit_info_

    t_pred = best_of(args.repeat, lambda: model.predict_proba(data))
    t_one = best_of(args.repeat, lambda: model.predict_proba(data, bugs=1))

    big = synthetic_program(data, args.lines)
    t_och_big = ochiai_time(big, args.repeat)
    t_big = best_of(args.repeat, lambda: model.predict_proba(big))
    t_big_one = best_of(args.repeat, lambda: model.predict_proba(big, bugs=1))

    print(f"model: {info['size']} nodes, {info['paths']} function components\n")
    print("| measurement | time | lines/s | × Ochiai on the same table |")
    print("|---|---|---|---|")
    fit_row = f"| fit, whole dataset ({len(data)} lines) | {t_fit:.1f} s | {len(data) / t_fit:,.0f} |"
    print(f"{fit_row} {t_fit / t_och:,.0f}× |")
    rows = [
        (f"P(bug), whole dataset ({n_bugs} programs)", t_pred, len(data), t_och),
        ("P(bug \\| exactly one), whole dataset", t_one, len(data), t_och),
        (f"P(bug), one synthetic {len(big):,}-line program", t_big, len(big), t_och_big),
        (f"P(bug \\| exactly one), synthetic {len(big):,}-line program", t_big_one, len(big), t_och_big),
    ]
    for name, t, n, base in rows:
        print(f"| {name} | {t:.3f} s | {n / t:,.0f} | {t / base:,.0f}× |")
    print(f"\nOchiai alone: {t_och * 1e3:.2f} ms on the dataset, {t_och_big * 1e3:.2f} ms on the big program")


if __name__ == "__main__":
    main()
