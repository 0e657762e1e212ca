"""Summaries of a corpus: what ``tflm corpus stats`` prints."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

import pandas as pd

from tflm.corpora.native import NativeCorpus
from tflm.source import SourceFile


def corpus_stats(corpus: NativeCorpus) -> dict[str, Any]:
    """Bases, bugs per kind and operator (also per batch), source size, and the generator's drop counts."""
    bugs = list(corpus.bugs())
    ops: Counter[str] = Counter(op for b in bugs if b.kind == "single" for op in b.operators)
    bases = pd.DataFrame(
        [
            {
                "base": b.name,
                "category": b.category,
                "files": len(b.sources),
                "lines": sum(len(b.source_text(f).splitlines()) for f in b.sources),
                "statements": sum(
                    len(SourceFile.parse(b.source_text(f), f).executable_lines) for f in b.sources
                ),
                "bugs": sum(1 for bug in bugs if bug.base == b.name),
            }
            for b in corpus.bases.values()
        ]
    )
    manifest = corpus.manifest()
    # Appended batches have ids BASE/NAME-s001...; the first batch's ids have no prefix.
    per_batch: dict[str, Counter[str]] = defaultdict(Counter)
    for b in bugs:
        if b.kind == "single":
            local = b.id.split("/", 1)[-1]
            per_batch[local.split("-", 1)[0] if "-" in local else ""].update(b.operators)
    return {
        "bases": len(corpus.bases),
        "bugs": len(bugs),
        "single": sum(b.kind == "single" for b in bugs),
        "multi": sum(b.kind == "multi" for b in bugs),
        "per_operator": dict(ops.most_common()),
        "per_batch_operator": {name: dict(c.most_common()) for name, c in sorted(per_batch.items())},
        "per_category": bases.groupby("category")["base"].count().to_dict(),
        "lines": int(bases["lines"].sum()),
        "statements": int(bases["statements"].sum()),
        "lines_per_base": (
            int(bases["lines"].min()),
            int(bases["lines"].median()),
            int(bases["lines"].max()),
        ),
        "dropped": manifest.get("dropped", {}),
        "candidates": manifest.get("candidates", {}),
        "table": bases,
    }
