"""Adapter for a user's checkout of QuixBugs (Python part).

Layout read: ``python_programs/NAME.py`` (buggy, one defect each), ``correct_python_programs/NAME.py``
(fixed), ``python_testcases/test_NAME.py`` (tests, many parametrised from ``json_testcases/NAME.json``), and a
root ``conftest.py`` adding ``--correct`` and ``--runslow``. Tests run from the checkout root one file at a
time, since a bare ``pytest`` there also collects old drivers that fail. Some buggy programs never stop
(bitcount, sqrt...), so the per-test timeout matters.

Ground truth is the diff of buggy against correct over code lines only: the docstring that ends each buggy
file and the alternative fixes left as comments in the correct files do not count.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from tflm.corpora.bug import Bug
from tflm.corpora.native import CorpusError
from tflm.errors import TflmError
from tflm.eval.ground_truth import GroundTruth
from tflm.source import read_source

log = logging.getLogger(__name__)


class QuixBugs:
    """The Python bugs of a QuixBugs checkout.

    Parameters
    ----------
    root : path
        The checkout.
    test_timeout : float
        Per-test limit in seconds (QuixBugs' own runner uses 10).
    python : path, optional
        Interpreter to run the tests with (needs pytest).
    """

    def __init__(
        self, root: str | os.PathLike[str], test_timeout: float = 10.0, python: str | None = None
    ) -> None:
        self.root = Path(root).resolve()
        self.name = "quixbugs"
        self.test_timeout, self.python = test_timeout, python
        for folder in ("python_programs", "correct_python_programs", "python_testcases"):
            if not (self.root / folder).is_dir():
                raise CorpusError(f"{root}: not a QuixBugs checkout (no {folder}/)")

    def bugs(self) -> list[Bug]:
        out = []
        for test in sorted((self.root / "python_testcases").glob("test_*.py")):
            name = test.stem.removeprefix("test_")
            buggy, fixed = (
                self.root / "python_programs" / f"{name}.py",
                self.root / "correct_python_programs" / f"{name}.py",
            )
            if not (buggy.is_file() and fixed.is_file()):
                continue
            rel = f"python_programs/{name}.py"
            try:
                truth = GroundTruth.from_fix(
                    rel, read_source(buggy, rel), read_source(fixed, f"correct_{rel}")
                )
            except TflmError as exc:
                log.warning("skipping QuixBugs %s: %s", name, exc)
                continue
            if not truth:
                log.warning("skipping QuixBugs %s: buggy and correct versions do not differ in code", name)
                continue
            out.append(Bug(f"quixbugs/{name}", name, (), truth, "single"))
        return out

    def prepare(self, bug: Bug, workdir: Path) -> tuple[Path, dict[str, Any]]:
        """The checkout itself (collect runs in a scratch copy), with the bug's test file and program."""
        return self.root, {
            "tests": [f"python_testcases/test_{bug.base}.py"],
            "include": [f"python_programs/{bug.base}.py"],
            "omit": [],
            "test_timeout": self.test_timeout,
            "total_timeout": 600,
            "python": self.python,
        }
