"""Extraction throughput: bugs per minute with 2 workers against 1, and why the generator dropped mutants.

Every run extracts the same bugs (the first ``--bugs`` of the manifest, spread over bases) into a fresh
folder, in this process. Runs alternate 1, 2, 1, 2… workers and each configuration keeps its best of
``--repeat`` runs, so neither pays alone for cold disk caches and the ratio compares like with like.

Usage::

    python benchmarks/extract_throughput.py [--corpus corpora/native] [--bugs 60] [--repeat 2]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(REPO / "corpora" / "native"))
    ap.add_argument("--bugs", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    corpus = NativeCorpus(Path(args.corpus)).subset(args.bugs)
    rates: dict[int, float] = {1: 0.0, 2: 0.0}
    for _ in range(args.repeat):
        for workers in (1, 2):
            with tempfile.TemporaryDirectory() as out:
                t0 = time.perf_counter()
                index = extract(corpus, out, workers=workers)
                elapsed = time.perf_counter() - t0
            ok = int((index["status"] == "ok").sum())
            rate = 60 * len(index) / elapsed
            rates[workers] = max(rates[workers], rate)
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
