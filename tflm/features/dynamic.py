"""Dynamic features beyond the spectrum counts: the failing tests' tracebacks and exception types.

The collector records, per failing test, its traceback frames inside the project (outermost first). A line on
the traceback — above all near the raising frame — is the classic stack-trace signal. Per-test hit counts
are not recorded (the tracer stops listening to a line after its first hit in a test, which is what keeps it
fast), so "hits in failing / passing runs" are the number of failing / passing tests running the line: ``ef``
and ``ep`` of the spectrum.
"""

from __future__ import annotations

import numpy as np

from tflm.source import SourceFile
from tflm.spectrum import Spectrum

#: Exception categories; ``exc_type`` is an index into this tuple (0 when no failing test runs the line).
EXC_TYPES = (
    "none",
    "AssertionError",
    "TypeError",
    "ValueError",
    "IndexError",
    "KeyError",
    "AttributeError",
    "ZeroDivisionError",
    "RecursionError",
    "Timeout",
    "other",
)


def exception_category(name: str) -> int:
    """Index in :data:`EXC_TYPES` of a (possibly module-qualified) exception type name."""
    simple = name.rsplit(".", 1)[-1]
    if simple in ("Crash",):
        simple = "Timeout"  # both mean the collector had to stop the test
    return EXC_TYPES.index(simple) if simple in EXC_TYPES[1:-1] else len(EXC_TYPES) - 1


def traceback_features(spectrum: Spectrum, sources: dict[str, SourceFile]) -> dict[str, np.ndarray]:
    """``tb_count`` (failing tests whose traceback passes through the line) and ``tb_closeness``
    (``1 / (1 + d)`` for the smallest distance ``d`` from a raising frame, 0 when never on a traceback)."""
    count = np.zeros(spectrum.n_lines, dtype=np.int32)
    closeness = np.zeros(spectrum.n_lines, dtype=np.float64)
    for failure in spectrum.failures.values():
        seen: set[int] = set()
        frames = failure.frames
        for depth, (file, line) in enumerate(reversed(frames)):
            src = sources.get(file)
            if src is None:
                continue
            keep, cols = src.columns(np.array([line]))
            col = spectrum.line_index(file, int(src.executable_lines[cols[0]])) if keep[0] else -1
            if col < 0:
                continue
            closeness[col] = max(closeness[col], 1.0 / (1.0 + depth))
            seen.add(col)
        count[list(seen)] += 1
    return {"tb_count": count, "tb_closeness": closeness}


def exception_features(spectrum: Spectrum) -> np.ndarray:
    """The most frequent exception category among the failing tests that run each line (vectorised: one
    sparse product per category)."""
    categories = np.zeros(spectrum.n_tests, dtype=np.int64)  # 0 = not failing
    failed = spectrum.failed
    for i, test in enumerate(spectrum.tests):
        if failed[i]:
            failure = spectrum.failures.get(test)
            categories[i] = exception_category(failure.exc_type if failure else spectrum.outcomes[i].title())
    onehot = np.zeros((spectrum.n_tests, len(EXC_TYPES)), dtype=np.int64)
    onehot[np.arange(spectrum.n_tests), categories] = 1
    onehot[:, 0] = 0
    per_line = np.asarray(spectrum.coverage.T.astype(np.int64) @ onehot)
    best = per_line.argmax(axis=1) if spectrum.n_lines else np.zeros(0, dtype=np.int64)
    return np.where(per_line.max(axis=1, initial=0) > 0, best, 0).astype(np.int8)
