"""Which files of a project count as source, and a scratch copy of the project to run tests in."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

#: Source patterns (gitignore syntax) used when the user names none.
DEFAULT_INCLUDE: tuple[str, ...] = ("*.py",)
#: Files that are never "the program": tests, test support and build scripts.
DEFAULT_OMIT: tuple[str, ...] = (
    "test_*.py",
    "*_test.py",
    "tests.py",
    "conftest.py",
    "tests/",
    "test/",
    "testing/",
    "setup.py",
    "noxfile.py",
    "docs/",
)
# Directories never walked nor copied: VCS data, caches, environments, build output.
_SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "__pycache__",
        ".pytest_cache",
        ".mypy_cache",
        ".ruff_cache",
        ".tox",
        ".nox",
        "node_modules",
        ".venv",
        "venv",
        ".eggs",
        "build",
        "dist",
        "site-packages",
        ".hypothesis",
    }
)


def _skip_dir(path: Path) -> bool:
    return path.name in _SKIP_DIRS or path.name.endswith(".egg-info") or (path / "pyvenv.cfg").exists()


def find_sources(
    root: str | Path, include: Sequence[str] | None = None, omit: Sequence[str] | None = None
) -> list[str]:
    """List the project's source files, relative to ``root``, sorted.

    Parameters
    ----------
    root : path
        Project root.
    include, omit : sequence of str, optional
        Patterns in gitignore syntax (``"*.py"`` matches at any depth, ``"src/"`` a whole folder,
        ``"pkg/**/*.py"`` a subtree). A file counts when it matches ``include`` and not ``omit``. ``omit``
        defaults to :data:`DEFAULT_OMIT` (tests, conftest, setup.py, docs); pass ``[]`` to omit nothing.
    """
    import pathspec  # here, not at the top: the CLI and the pytest plugin import this package

    root = Path(root)
    inc = pathspec.GitIgnoreSpec.from_lines(include or DEFAULT_INCLUDE)
    exc = pathspec.GitIgnoreSpec.from_lines(DEFAULT_OMIT if omit is None else omit)
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not _skip_dir(here / d))
        for name in filenames:
            if not name.endswith(".py"):
                continue
            rel = (here / name).relative_to(root).as_posix()
            if inc.match_file(rel) and not exc.match_file(rel):
                found.append(rel)
    return sorted(found)


def _ignore(directory: str, names: Iterable[str]) -> set[str]:
    here = Path(directory)
    return {n for n in names if (here / n).is_dir() and _skip_dir(here / n)}


def scratch_copy(root: str | Path, dest: str | Path) -> Path:
    """Copy the project to ``dest`` so that tests can write wherever they like without touching ``root``.

    Symlinks are copied as links; VCS folders, caches and virtual environments are left out.
    """
    dest = Path(dest)
    shutil.copytree(root, dest, symlinks=True, ignore=_ignore)
    return dest
