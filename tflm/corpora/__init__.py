"""Bug corpora: our native mutant corpus, and adapters for QuixBugs and BugsInPy checkouts.

Every corpus is a :class:`~tflm.corpora.bug.BugSource`: a list of :class:`~tflm.corpora.bug.Bug` with
ground truth, and a way to get each bug's project tree and collection options.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from tflm.corpora.bug import Bug, BugSource
from tflm.corpora.bugsinpy import BugsInPy
from tflm.corpora.native import CorpusError, NativeCorpus
from tflm.corpora.quixbugs import QuixBugs

__all__ = ["Bug", "BugSource", "BugsInPy", "CorpusError", "NativeCorpus", "QuixBugs", "open_corpus"]


def open_corpus(
    path: str | os.PathLike[str],
    *,
    checkouts: Mapping[str, str | os.PathLike[str]] | None = None,
    python: str | None = None,
    test_timeout: float | None = None,
) -> BugSource:
    """Open a corpus folder, recognising its layout: BugsInPy (``projects/``, needs ``checkouts``),
    QuixBugs (``python_programs/``) or native (folders with ``base.toml``)."""
    root = Path(path)
    if (root / "projects").is_dir():
        if not checkouts:
            raise CorpusError("a BugsInPy corpus needs project checkouts: --checkout NAME/N=PATH")
        return BugsInPy(root, checkouts, python, test_timeout or 60.0)
    if (root / "python_programs").is_dir():
        return QuixBugs(root, test_timeout or 10.0, python)
    return NativeCorpus(root)
