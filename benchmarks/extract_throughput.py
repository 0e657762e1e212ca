"""Extraction throughput: bugs per minute with 2 workers against 1, and why the generator dropped mutants.

Both runs extract the same bugs (the first ``--bugs`` of the manifest, spread over bases) into fresh
folders, one after the other in this process, so the ratio compares like with like.

Usage::

    python benchmarks/extract_throughput.py [--corpus corpora/native] [--bugs 60]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from tflm.corpora.extract import extract
from tflm.corpora.native import NativeCorpus

REPO = Path(__file__).resolve().parents[1]


class Subset(NativeCorpus):
    """The corpus restricted to its first ``n`` bugs, round-robin over bases."""

    def __init__(self, root: Path, n: int) -> None:
        super().__init__(root)
        by_base: dict[str, list] = {}
        for bug in super().bugs():
            by_base.setdefault(bug.base, []).append(bug)
        picked, i = [], 0
        while len(picked) < n and any(len(v) > i for v in by_base.values()):
            picked += [v[i] for v in by_base.values() if len(v) > i][: n - len(picked)]
            i += 1
        self._subset = picked

    def bugs(self):
        return list(self._subset)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(REPO / "corpora" / "native"))
    ap.add_argument("--bugs", type=int, default=60)
    args = ap.parse_args()

    corpus = Subset(Path(args.corpus), args.bugs)
    rates = {}
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as out:
            t0 = time.perf_counter()
            index = extract(corpus, out, workers=workers)
            elapsed = time.perf_counter() - t0
        ok = int((index["status"] == "ok").sum())
        rates[workers] = 60 * len(index) / elapsed
        rate = rates[workers]
        print(f"workers={workers}: {len(index)} bugs ({ok} ok) in {elapsed:.1f} s = {rate:.1f} bugs/min")
    print(f"\n| workers | bugs/min |\n|---|---|\n| 1 | {rates[1]:.1f} |\n| 2 | {rates[2]:.1f} |")
    print(f"\nspeed-up with 2 workers: {rates[2] / rates[1]:.2f}×")

    manifest = json.loads((Path(args.corpus) / "manifest.json").read_text())
    cand = manifest["candidates"]
    total = sum(cand.values())
    dropped = manifest["dropped"]
    print(
        f"\nGenerator: {total} candidate mutants, {sum(dropped.values())} dropped "
        f"({100 * sum(dropped.values()) / total:.1f}%)\n"
    )
    print("| reason | mutants | share of candidates |\n|---|---|---|")
    for reason, n in sorted(dropped.items(), key=lambda kv: -kv[1]):
        print(f"| {reason} | {n} | {100 * n / total:.1f}% |")


if __name__ == "__main__":
    main()
