"""A research workflow with the Python API: corpus → extract → fit → evaluate → plot.

    python examples/research.py [--corpus corpora/native] [--bugs 120] [--out research-out]
"""

import argparse
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import tflm
from tflm.corpora.extract import extract, load_dataset
from tflm.corpora.native import NativeCorpus

ap = argparse.ArgumentParser()
ap.add_argument("--corpus", default="corpora/native")
ap.add_argument("--bugs", type=int, default=120)
ap.add_argument("--out", default="research-out")
args = ap.parse_args()
out = Path(args.out)

# 1. A corpus: a sample of the native mutants, spread over every base program.
corpus = NativeCorpus(args.corpus).subset(args.bugs, stride=5)

# 2. Extract: run every buggy version's tests once; resumable, parallel, cached on disk.
index = extract(corpus, out / "data", workers=2)
data = load_dataset(out / "data")
data["base"] = data["bug"].str.split("/").str[0]
print(f"{len(index)} bugs, {len(data)} lines, {int(data['faulty'].sum())} faulty")

# 3. Fit on three quarters of the base programs, keep the rest unseen.
bases = sorted(data["base"].unique())
test_bases = set(bases[::4])
train, test = data[~data["base"].isin(test_bases)], data[data["base"].isin(test_bases)]
model = tflm.TFLM(min_instances=200, random_state=0).fit(train)

# 4. Evaluate the model against Ochiai, bug by bug, with the same tie policy.
test = test.assign(tflm=model.predict_proba(test))
results = {"tflm": [], "ochiai": []}
for _, bug in test.groupby("bug"):
    for method in results:
        results[method].append(tflm.evaluate(bug[method].to_numpy(), bug["faulty"].to_numpy()))
for method, scores in results.items():
    s = tflm.summarize(scores)
    print(f"{method:>7}: Top-1 {s['top1']:.1f}%  Top-5 {s['top5']:.1f}%  EXAM {s['exam']:.3f}")

# 5. Plot the cumulative Top-N curves.
ns = np.arange(1, 11)
for method, scores in results.items():
    first = np.array([s.first for s in scores])
    plt.plot(ns, [100 * np.mean(first <= n) for n in ns], marker="o", label=method)
plt.xlabel("N")
plt.ylabel("% of bugs found in the top N")
plt.legend()
plt.savefig(out / "topn.png", dpi=100)
print(f"wrote {out / 'topn.png'}")
