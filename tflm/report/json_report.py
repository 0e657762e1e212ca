"""The stable JSON form of a ranking, consumed by benchmark scripts and other tools.

Schema ``tflm.localize/1``::

    {
      "schema": "tflm.localize/1",
      "program": "/abs/path/to/project",
      "method": "ochiai",
      "lines": [{"file": "pkg/mod.py", "line": 12, "score": 0.71, "rank": 1}, ...],   # best first
      "tests": {"total": 6, "failed": 1, "passed": 5, "error": 0, "skipped": 0, "xfailed": 0,
                "xpassed": 0, "timeout": 0, "crashed": 0, "failing": 1, "passing": 5},
      "warnings": ["..."],
      "collection": {"backend": "coverage", "python": "3.11.7", "complete": true, "restarts": 0}
    }

``rank`` is 1-based and shared by tied lines (the rank of the first of them). Fields may be added in later
versions of the same schema; none is removed or changes meaning.
"""

from __future__ import annotations

from typing import Any

from tflm.rank import Ranking

SCHEMA = "tflm.localize/1"


def ranking_to_dict(ranking: Ranking, top: int | None = None) -> dict[str, Any]:
    """The JSON-ready dict of ``ranking``, limited to the ``top`` best lines if given."""
    r = ranking.top(top) if top is not None else ranking
    return {
        "schema": SCHEMA,
        "program": ranking.info.get("program"),
        "method": ranking.method,
        "lines": [
            {"file": str(f), "line": int(n), "score": float(s), "rank": int(k)}
            for f, n, s, k in zip(r.files, r.lines, r.scores, r.ranks, strict=True)
        ],
        "tests": ranking.info.get("tests", {}),
        "warnings": ranking.info.get("warnings", []),
        "collection": ranking.info.get("collection", {}),
    }
