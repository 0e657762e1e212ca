"""Adapter for BugsInPy: bug descriptions from a BugsInPy checkout, projects and environments from the user.

BugsInPy describes each bug in ``projects/NAME/bugs/N/``: ``bug.info`` (``python_version``,
``buggy_commit_id``, ``fixed_commit_id``, ``test_file`` with ``;``-separated paths, optional ``pythonpath``),
``bug_patch.txt`` (a unified diff from buggy to fixed), ``requirements.txt``, ``run_test.sh`` (the
bug-revealing tests only) and an optional ``setup.sh``.

Setting up each project is left to the user, as BugsInPy's own scripts do it: check the project out at the
buggy commit (``bugsinpy-checkout -p NAME -i N -v 0``), make a virtual environment with the bug's Python
version, install ``requirements.txt`` (:func:`read_requirements` decodes the UTF-16 ones and can drop the
``-e git+...`` lines) and run ``setup.sh`` if there is one. Then pass the checkout and the environment's
interpreter here. For spectrum-based localization the whole ``test_file`` runs, not only ``run_test.sh``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import unidiff

from tflm.corpora.bug import Bug
from tflm.corpora.native import CorpusError, safe_relative
from tflm.eval.ground_truth import GroundTruth
from tflm.source import decode_source, read_source

_INFO_LINE = re.compile(r'^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"(.*)"\s*$')


def read_bug_info(path: Path) -> dict[str, str]:
    """Parse ``bug.info`` (``key="value"`` lines, with or without spaces around ``=``)."""
    info = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _INFO_LINE.match(line)
        if m:
            info[m.group(1)] = m.group(2)
    for key in ("buggy_commit_id", "fixed_commit_id", "test_file"):
        if key not in info:
            raise CorpusError(f"{path}: no {key}")
    return info


def read_requirements(path: Path, editable: bool = False) -> list[str]:
    """Requirement lines of a BugsInPy ``requirements.txt`` (UTF-8 or UTF-16), without ``-e`` lines unless
    ``editable``."""
    data = path.read_bytes()
    text = (
        data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8", "replace")
    )
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return [ln for ln in lines if editable or not ln.startswith("-e")]


def apply_patch(buggy: str, patched: unidiff.PatchedFile, name: str) -> str:
    """The fixed text of one file: ``buggy`` with the hunks applied; every context line is checked."""
    src = buggy.splitlines(keepends=True)
    out: list[str] = []
    pos = 0
    for hunk in patched:
        start = hunk.source_start - 1 if hunk.source_length else hunk.source_start
        if start < pos:
            raise CorpusError(f"{name}: overlapping hunks in the patch")
        out.extend(src[pos:start])
        pos = start
        for line in hunk:
            if line.is_added:
                out.append(line.value if line.value.endswith("\n") else line.value + "\n")
                continue
            if pos >= len(src) or src[pos].rstrip("\r\n") != line.value.rstrip("\r\n"):
                raise CorpusError(
                    f"{name}: the patch does not apply at line {pos + 1}; "
                    "is the checkout at the buggy commit?"
                )
            if line.is_context:
                out.append(src[pos])
            pos += 1
    out.extend(src[pos:])
    return "".join(out)


class BugsInPy:
    """Bugs of a BugsInPy checkout for which the user provides a project checkout.

    Parameters
    ----------
    root : path
        The BugsInPy checkout (with ``projects/``).
    checkouts : mapping of str to path
        ``"NAME/N"`` → the project checked out at that bug's buggy commit. Bugs without one are left out.
    python : path or mapping, optional
        The interpreter of the project's environment, one for all or per ``"NAME/N"``.
    test_timeout : float
        Per-test limit in seconds.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        checkouts: Mapping[str, str | os.PathLike[str]],
        python: str | os.PathLike[str] | Mapping[str, str | os.PathLike[str]] | None = None,
        test_timeout: float = 60.0,
    ) -> None:
        self.root = Path(root).resolve()
        self.name = "bugsinpy"
        if not (self.root / "projects").is_dir():
            raise CorpusError(f"{root}: not a BugsInPy checkout (no projects/)")
        self.checkouts = {k: Path(v).resolve() for k, v in checkouts.items()}
        self.python = python
        self.test_timeout = test_timeout

    def _bug_dir(self, key: str) -> Path:
        name, _, number = key.partition("/")
        if not name or not number.isdigit():
            raise CorpusError(f"bug {key!r}: expected NAME/N")
        return safe_relative(self.root, f"projects/{name}/bugs/{number}", "BugsInPy bug")

    def bugs(self) -> list[Bug]:
        out = []
        for key in sorted(self.checkouts):
            folder, checkout = self._bug_dir(key), self.checkouts[key]
            if not folder.is_dir():
                raise CorpusError(f"BugsInPy has no bug {key} under {self.root}")
            if not checkout.is_dir():
                raise CorpusError(f"checkout for {key} not found: {checkout}")
            info = read_bug_info(folder / "bug.info")
            patch = unidiff.PatchSet(
                decode_source((folder / "bug_patch.txt").read_bytes(), f"{key} bug_patch.txt")
            )
            truth = GroundTruth(())
            for patched in patch:
                if not patched.path.endswith(".py") or patched.is_added_file:
                    continue
                rel = patched.path
                buggy = read_source(safe_relative(checkout, rel, f"{key} patch"), rel)
                truth = truth | GroundTruth.from_fix(rel, buggy, apply_patch(buggy, patched, rel))
            extra = {
                "python_version": info.get("python_version", ""),
                "pythonpath": info.get("pythonpath", ""),
            }
            out.append(Bug(f"bugsinpy/{key}", key.split("/")[0], (), truth, "single", extra))
        return out

    def prepare(self, bug: Bug, workdir: Path) -> tuple[Path, dict[str, Any]]:
        key = bug.id.removeprefix("bugsinpy/")
        info = read_bug_info(self._bug_dir(key) / "bug.info")
        python = self.python.get(key) if isinstance(self.python, Mapping) else self.python
        options: dict[str, Any] = {
            "tests": [t.strip() for t in info["test_file"].split(";") if t.strip()],
            "test_timeout": self.test_timeout,
            "total_timeout": 3600,
            "python": python,
        }
        if info.get("pythonpath"):
            # Relative entries resolve against the run folder, i.e. inside collect's scratch copy.
            options["extra_env"] = {"PYTHONPATH": info["pythonpath"]}
        return self.checkouts[key], options
