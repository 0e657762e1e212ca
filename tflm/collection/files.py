"""Which files of a project count as source, and a scratch copy of the project to run tests in."""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from tflm.errors import TflmError

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
            # Regular files only (a link to one counts): reading a FIFO named *.py would block for ever.
            if not name.endswith(".py") or not (here / name).is_file():
                continue
            rel = (here / name).relative_to(root).as_posix()
            if inc.match_file(rel) and not exc.match_file(rel):
                found.append(rel)
    return sorted(found)


#: Bytes that symlinks pointing out of the project may bring into one scratch copy (see scratch_copy).
OUTSIDE_LINK_BUDGET = 512 * 1024**2


def scratch_copy(root: str | Path, dest: str | Path) -> Path:
    """Copy the project to ``dest`` so that tests can write wherever they like without touching ``root``.

    Only folders, regular files and symlinks are copied: FIFOs, sockets and devices are left out (opening
    a FIFO without a writer blocks for ever). VCS folders, caches and virtual environments are left out
    too.

    Symlinks are rewritten so that no write through the copy, through any link, reaches the user's files:

    * a link (relative or absolute) whose target, every link on the way resolved, lies inside ``root`` in
      a part that is copied becomes a relative link to the same place in the copy; a dangling one stays
      dangling there, so that writing to it creates the file in the copy;
    * a link to anything else (outside ``root``, or into a folder of ``root`` that is not copied, such as
      ``.venv``) is replaced by a copy of the file or folder it points to, links inside it handled by the
      same rules; a folder reached twice (a link cycle) becomes a link to its first copy. At most
      :data:`OUTSIDE_LINK_BUDGET` bytes are copied this way;
    * a link to a folder holding ``root`` (``up -> ..``) is left out: it could neither be copied (it holds
      the project, and maybe ``dest``) nor kept (it leads to the user's files). So are dangling links out of
      ``root`` and links to a FIFO, socket or device.

    Parameters
    ----------
    root : path
        Project root.
    dest : path
        Where the copy goes; must not exist.

    Returns
    -------
    Path
        ``dest``.

    Raises
    ------
    TflmError
        Links out of the project point to more than :data:`OUTSIDE_LINK_BUDGET` bytes, or a file cannot be
        read.
    """
    dest = Path(dest)
    _Copier(Path(root).resolve(), dest).run()
    return dest


class _Copier:
    """One scratch copy; see :func:`scratch_copy` for the rules."""

    def __init__(self, root: Path, dest: Path) -> None:
        self.root = root
        self.dest = dest
        self.budget = OUTSIDE_LINK_BUDGET
        self.dest_real = Path(os.path.realpath(dest))  # never walked, should a copied folder hold it
        # Real folders already in the copy, and where: a link or walk that reaches one again points there.
        self.placed: dict[Path, Path] = {root: dest}

    def run(self) -> None:
        try:
            self.tree(self.root, self.dest, outside=False)
        except OSError as exc:
            where = exc.filename or self.root
            raise TflmError(f"cannot copy the project to a scratch folder: {where}: {exc.strerror}") from None

    def tree(self, src: Path, dst: Path, outside: bool) -> None:
        """Copy the real folder ``src`` to ``dst``; ``outside`` when it is not the project's own."""
        dst.mkdir()
        if outside:
            self.placed.setdefault(src, dst)
        with os.scandir(src) as it:
            entries = sorted(it, key=lambda e: e.name)
        for entry in entries:
            self.entry(entry, dst / entry.name, outside)
        shutil.copystat(src, dst)

    def entry(self, entry: os.DirEntry[str], dst: Path, outside: bool) -> None:
        src = Path(entry.path)
        if entry.is_symlink():
            self.link(src, dst)
        elif entry.is_dir(follow_symlinks=False):
            if src == self.dest_real or _skip_dir(src):
                return
            if src in self.placed:  # copied already, through a link: share that copy
                self.relink(dst, self.placed[src])
            else:
                self.tree(src, dst, outside)
        elif entry.is_file(follow_symlinks=False):
            if outside:
                self.spend(entry.stat(follow_symlinks=False).st_size, src)
            shutil.copy2(src, dst, follow_symlinks=False)
        # anything else is a FIFO, socket or device: left out

    def link(self, src: Path, dst: Path) -> None:
        """Recreate the symlink ``src`` at ``dst`` so that it cannot lead to the user's files."""
        target = Path(os.path.realpath(src))
        inside = self.in_copy(target)
        if inside is not None:
            self.relink(dst, inside)
        elif target in self.placed:
            self.relink(dst, self.placed[target])
        elif target in self.root.parents:
            return  # a folder holding the project: see scratch_copy
        elif target.is_dir():
            self.tree(target, dst, outside=True)
        elif target.is_file():
            self.spend(target.stat().st_size, src)
            shutil.copy2(target, dst)
        # a dangling link out of the project, or one to a FIFO, socket or device: left out

    def in_copy(self, target: Path) -> Path | None:
        """Where the real path ``target`` lands in the copy; None if that part of the project is not
        copied or ``target`` is not in the project."""
        try:
            rel = target.relative_to(self.root)
        except ValueError:
            return None
        here = self.root
        for part in rel.parts:
            here = here / part
            if here.is_dir() and _skip_dir(here):
                return None
        return self.dest / rel

    def relink(self, dst: Path, to: Path) -> None:
        os.symlink(os.path.relpath(to, dst.parent), dst)

    def spend(self, size: int, src: Path) -> None:
        self.budget -= size
        if self.budget < 0:
            raise TflmError(
                f"symlinks in the project point to more than {OUTSIDE_LINK_BUDGET // 1024**2} MiB outside it "
                f"(at {src}); tflm copies what they point to so that tests cannot write through them"
            )
