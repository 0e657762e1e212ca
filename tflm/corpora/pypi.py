"""Real projects from PyPI: a pinned manifest of source distributions whose own pytest suites pass here.

The manifest (``corpora/pypi/manifest.toml``) is committed; the projects are not. :func:`fetch_all`
downloads each sdist into a cache outside the repository, checks its sha256 before anything reads it,
unpacks it with every member vetted, builds a venv with the pinned test dependencies and runs the suite, so
that only a project whose suite is green goes on to mutation (a later step).

Cache layout (default ``$XDG_CACHE_HOME/tflm/pypi``)::

    CACHE/
      downloads/FILE        # the sdist, kept only once its sha256 matched
      src/NAME-VERSION/     # the unpacked tree (the sdist's single top folder)
      venvs/NAME-VERSION/   # its test environment
      state/NAME-VERSION.json  # the last green check: a project whose entry is unchanged is not redone

Every step writes to a temporary name and renames it into place, so an interrupted run resumes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from tflm.corpora.native import CorpusError

MANIFEST_FORMAT = "tflm-pypi-corpus"
MANIFEST_VERSION = 1
#: Projects that BugsInPy (or QuixBugs) covers: training on them would leak into the real-bug evaluations.
EXCLUDED = frozenset(
    canonicalize_name(n)
    for n in (
        "PySnooper",
        "ansible",
        "ansible-core",
        "black",
        "cookiecutter",
        "fastapi",
        "httpie",
        "keras",
        "luigi",
        "matplotlib",
        "pandas",
        "sanic",
        "scrapy",
        "spacy",
        "thefuck",
        "tornado",
        "tqdm",
        "youtube-dl",
        "quixbugs",
    )
)
#: youtube-dl's forks go by many names (yt-dlp, youtube-dlc, yt-dlc...).
_EXCLUDED_PATTERN = re.compile(r"youtube[-_.]?dl|yt[-_.]?dl")
#: The curation rule of the committed manifest: source lines and collected tests of each project.
LINES_RANGE = (1_000, 50_000)
TESTS_RANGE = (20, 2_000)
#: Refuse archives larger than this (downloaded or unpacked), or with more members.
MAX_ARCHIVE_BYTES = 100 * 2**20
MAX_UNPACKED_BYTES = 500 * 2**20
MAX_MEMBERS = 20_000
_SHA256 = re.compile(r"[0-9a-f]{64}")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip")


@dataclass(frozen=True)
class Excluded:
    """A test or a path left out of a project's run, and why."""

    target: str
    reason: str


@dataclass(frozen=True)
class Project:
    """One manifest entry: a pinned sdist and how to run its suite."""

    name: str
    version: str
    url: str
    sha256: str
    include: tuple[str, ...]  # the library's source folders or modules (mutated later), not its tests
    tests: tuple[str, ...]  # pytest arguments: test paths and options
    pythonpath: tuple[str, ...] = (".",)  # put first on sys.path, so the tests import the unpacked sources
    deps: tuple[str, ...] = ()  # pinned requirements of the suite (runtime dependencies included)
    deselect: tuple[Excluded, ...] = ()  # test ids (--deselect)
    ignore: tuple[Excluded, ...] = ()  # paths (--ignore)
    lines: int = 0  # measured: non-blank lines of the included sources
    n_tests: int = 0  # measured: tests collected
    seconds: float = 0.0  # measured: the suite's wall time when checked
    notes: str = ""

    @property
    def key(self) -> str:
        """``NAME-VERSION``: the project's folder name in the cache."""
        return f"{self.name}-{self.version}"

    @property
    def filename(self) -> str:
        return PurePosixPath(urllib.request.url2pathname(self.url.rsplit("/", 1)[-1])).name

    def pytest_args(self) -> list[str]:
        """The suite's pytest arguments, exclusions included."""
        args = list(self.tests)
        args += [f"--deselect={d.target}" for d in self.deselect]
        args += [f"--ignore={i.target}" for i in self.ignore]
        return args


@dataclass(frozen=True)
class Manifest:
    """A validated manifest: the projects and the environment they were checked in."""

    path: Path
    checked: str
    python: str
    pytest: str  # the pinned pytest requirement every venv gets
    projects: tuple[Project, ...]

    def select(self, only: Iterable[str] | None) -> list[Project]:
        """The projects named in ``only`` (all when None); an unknown name is an error."""
        if only is None:
            return list(self.projects)
        wanted = {canonicalize_name(n) for n in only}
        known = {canonicalize_name(p.name) for p in self.projects}
        if wanted - known:
            raise CorpusError(f"not in the manifest: {', '.join(sorted(wanted - known))}")
        return [p for p in self.projects if canonicalize_name(p.name) in wanted]


def is_excluded(name: str) -> bool:
    """Whether a project is one the real-bug evaluations use (BugsInPy, QuixBugs, youtube-dl's forks)."""
    canon = canonicalize_name(name)
    return canon in EXCLUDED or bool(_EXCLUDED_PATTERN.search(canon))


def _pinned(req: str, where: str) -> str:
    try:
        parsed = Requirement(req)
    except InvalidRequirement as exc:
        raise CorpusError(f"{where}: bad requirement {req!r}: {exc}") from None
    specs = list(parsed.specifier)
    if len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
        raise CorpusError(f"{where}: requirement {req!r} must be pinned with == to one version")
    return req


def _relative(rel: object, where: str) -> str:
    if not isinstance(rel, str) or not rel or "\\" in rel:
        raise CorpusError(f"{where}: {rel!r} is not a relative POSIX path")
    path = PurePosixPath(rel)
    if path.is_absolute() or ".." in path.parts:
        raise CorpusError(f"{where}: {rel!r} must stay inside the project")
    return rel


def _strings(entry: dict[str, Any], key: str, where: str, *, required: bool = False) -> tuple[str, ...]:
    value = entry.get(key, [] if not required else None)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CorpusError(f"{where}: '{key}' must be a list of non-empty strings")
    if required and not value:
        raise CorpusError(f"{where}: '{key}' must not be empty")
    return tuple(value)


def _exclusions(entry: dict[str, Any], key: str, where: str) -> tuple[Excluded, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list):
        raise CorpusError(f"{where}: '{key}' must be a list of {{target, reason}} tables")
    out = []
    for item in value:
        if (
            not isinstance(item, dict)
            or set(item) != {"target", "reason"}
            or not all(isinstance(v, str) and v.strip() for v in item.values())
        ):
            raise CorpusError(f"{where}: each '{key}' entry needs a 'target' and a 'reason' (strings)")
        out.append(Excluded(item["target"], item["reason"]))
    return tuple(out)


def _project(entry: object, index: int) -> Project:
    if not isinstance(entry, dict):
        raise CorpusError(f"project #{index}: not a table")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise CorpusError(f"project #{index}: 'name' must be a PyPI project name")
    where = f"project {name!r}"
    known = {f.name for f in Project.__dataclass_fields__.values()} - {"n_tests"} | {"tests_collected"}
    unknown = set(entry) - known
    if unknown:
        raise CorpusError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    if is_excluded(name):
        raise CorpusError(
            f"{where}: BugsInPy or QuixBugs covers it; the real-bug evaluations must stay clean"
        )
    version = entry.get("version")
    try:
        Version(str(version))
    except InvalidVersion:
        raise CorpusError(f"{where}: 'version' {version!r} is not a version") from None
    url = entry.get("url")
    if not isinstance(url, str) or not url.startswith("https://") or not url.endswith(_ARCHIVE_SUFFIXES):
        raise CorpusError(f"{where}: 'url' must be an https URL of an sdist ({', '.join(_ARCHIVE_SUFFIXES)})")
    sha = entry.get("sha256")
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise CorpusError(f"{where}: 'sha256' must be 64 lowercase hex digits")
    include = tuple(_relative(r, where) for r in _strings(entry, "include", where, required=True))
    pythonpath = tuple(_relative(r, where) for r in _strings(entry, "pythonpath", where) or (".",))
    deps = tuple(_pinned(r, where) for r in _strings(entry, "deps", where))
    measured: dict[str, Any] = {}
    for key, kind in (("lines", int), ("tests_collected", int), ("seconds", (int, float))):
        value = entry.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, kind) or value < 0:
            raise CorpusError(f"{where}: '{key}' must be a non-negative number")
        measured[key] = value
    notes = entry.get("notes", "")
    if not isinstance(notes, str):
        raise CorpusError(f"{where}: 'notes' must be a string")
    return Project(
        name=name,
        version=str(version),
        url=url,
        sha256=sha,
        include=include,
        tests=_strings(entry, "tests", where, required=True),
        pythonpath=pythonpath,
        deps=deps,
        deselect=_exclusions(entry, "deselect", where),
        ignore=_exclusions(entry, "ignore", where),
        lines=measured["lines"],
        n_tests=measured["tests_collected"],
        seconds=float(measured["seconds"]),
        notes=notes,
    )


def load_manifest(path: str | os.PathLike[str]) -> Manifest:
    """Read and validate a manifest (TOML).

    Raises
    ------
    CorpusError
        The file cannot be read, or an entry is malformed, unpinned, listed twice, or a project that the
        real-bug evaluations use.
    """
    where = Path(path)
    try:
        meta = tomllib.loads(where.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CorpusError(f"{where}: {exc}") from None
    if meta.get("format") != MANIFEST_FORMAT or meta.get("version") != MANIFEST_VERSION:
        raise CorpusError(f"{where}: not a {MANIFEST_FORMAT} manifest of version {MANIFEST_VERSION}")
    for key in ("checked", "python", "pytest"):
        if not isinstance(meta.get(key), str) or not meta[key]:
            raise CorpusError(f"{where}: '{key}' must be a non-empty string")
    pytest_req = _pinned(meta["pytest"], str(where))
    entries = meta.get("project")
    if not isinstance(entries, list) or not entries:
        raise CorpusError(f"{where}: no [[project]] entries")
    projects = tuple(_project(e, i) for i, e in enumerate(entries, 1))
    seen: set[str] = set()
    for p in projects:
        canon = canonicalize_name(p.name)
        if canon in seen:
            raise CorpusError(f"{where}: project {p.name!r} is listed twice")
        seen.add(canon)
    return Manifest(where, meta["checked"], meta["python"], pytest_req, projects)


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/tflm/pypi`` (``~/.cache/tflm/pypi`` without it): never inside the repository."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tflm" / "pypi"


# --- downloading and unpacking ---------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def verify(path: Path, sha256: str) -> None:
    """Check ``path`` against its pinned hash; a mismatch removes the file (it must not be used)."""
    actual = sha256_of(path)
    if actual != sha256:
        path.unlink(missing_ok=True)
        raise CorpusError(
            f"{path.name}: sha256 {actual} does not match the manifest's {sha256}; the file was removed"
        )


def download(project: Project, cache: Path, timeout: float = 120.0) -> Path:
    """The project's sdist in ``cache/downloads``, fetched if missing, verified either way."""
    dest = cache / "downloads" / project.filename
    if not dest.exists():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(f".{dest.name}.{os.getpid()}.part")
        try:
            with urllib.request.urlopen(project.url, timeout=timeout) as resp, tmp.open("wb") as out:
                total = 0
                while block := resp.read(1 << 20):
                    total += len(block)
                    if total > MAX_ARCHIVE_BYTES:
                        raise CorpusError(
                            f"{project.key}: the sdist is larger than {MAX_ARCHIVE_BYTES} bytes"
                        )
                    out.write(block)
        except OSError as exc:  # urllib's errors are OSErrors
            tmp.unlink(missing_ok=True)
            raise CorpusError(f"{project.key}: download of {project.url} failed: {exc}") from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, dest)
    verify(dest, project.sha256)
    return dest


def _member_path(name: str, archive: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or "\\" in name or ".." in path.parts or name.startswith("/"):
        raise CorpusError(f"{archive}: unsafe member {name!r} (absolute, or escapes the archive)")
    return path


def _check_totals(archive: str, sizes: list[int]) -> None:
    """Refuse an archive with too many members or too many bytes, from what its index declares."""
    if len(sizes) > MAX_MEMBERS:
        raise CorpusError(f"{archive}: more than {MAX_MEMBERS} members")
    if sum(sizes) > MAX_UNPACKED_BYTES:
        raise CorpusError(f"{archive}: unpacks to more than {MAX_UNPACKED_BYTES} bytes")


def _check_tar(tar: tarfile.TarFile, archive: str) -> None:
    members = tar.getmembers()
    _check_totals(archive, [m.size for m in members])
    for m in members:
        path = _member_path(m.name, archive)
        if m.isdev() or not (m.isfile() or m.isdir() or m.issym() or m.islnk()):
            raise CorpusError(f"{archive}: member {m.name!r} is a device or special file")
        if m.issym() or m.islnk():
            # a link target is resolved from the link's folder (symlink) or the archive root (hard link)
            target = PurePosixPath(m.linkname)
            joined = (path.parent / target) if m.issym() else target
            if target.is_absolute() or _escapes(joined):
                raise CorpusError(f"{archive}: link {m.name!r} points outside the archive ({m.linkname!r})")


def _escapes(path: PurePosixPath) -> bool:
    depth = 0
    for part in path.parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


def _check_zip(zf: zipfile.ZipFile, archive: str) -> None:
    infos = zf.infolist()
    _check_totals(archive, [i.file_size for i in infos])
    for info in infos:
        _member_path(info.filename, archive)
        kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the archiver recorded no Unix mode
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            raise CorpusError(f"{archive}: member {info.filename!r} is a link or special file")


def unpack(archive: Path, dest: Path) -> Path:
    """Unpack an sdist whose members all passed the checks into ``dest``; returns its single top folder.

    Raises
    ------
    CorpusError
        A member is absolute, escapes the archive, is a link pointing outside it or a device; the archive is
        too large; or it does not hold exactly one top folder.
    """
    dest.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=dest))
    try:
        if archive.name.endswith(".zip"):
            with zipfile.ZipFile(archive) as zf:
                _check_zip(zf, archive.name)
                zf.extractall(tmp)
        else:
            with tarfile.open(archive) as tar:
                _check_tar(tar, archive.name)
                tar.extractall(tmp, filter="data")  # the stdlib's own filter, as a second guard
        tops = list(tmp.iterdir())
        if len(tops) != 1 or not tops[0].is_dir():
            raise CorpusError(f"{archive.name}: expected one top folder, found {len(tops)} entries")
        return tops[0]
    except (tarfile.TarError, zipfile.BadZipFile, OSError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise CorpusError(f"{archive.name}: cannot unpack: {exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def source_tree(project: Project, cache: Path) -> Path:
    """The project's unpacked tree in ``cache/src``, downloading and unpacking as needed."""
    dest = cache / "src" / project.key
    if dest.is_dir():
        return dest
    archive = download(project, cache)
    top = unpack(archive, cache / "src")
    try:
        os.replace(top, dest)
    finally:
        shutil.rmtree(top.parent, ignore_errors=True)
    return dest


def _is_test_file(rel: PurePosixPath) -> bool:
    """A test module, conftest or anything in a test folder: the suite, not the library to mutate."""
    folders = rel.parts[:-1]
    name = rel.name
    return (
        any(part in ("test", "tests", "testing", "testsuite") for part in folders)
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name in ("conftest.py", "tests.py", "test.py")
    )


def source_files(root: Path, include: Sequence[str]) -> list[str]:
    """The ``.py`` files under the included folders (or the included modules), tests left out; relative paths.

    Raises
    ------
    CorpusError
        An included path does not exist in the tree.
    """
    found: list[str] = []
    for rel in include:
        path = root / rel
        if path.is_dir():
            files = sorted(path.rglob("*.py"))
        elif path.is_file():
            files = [path]
        else:
            raise CorpusError(f"{root.name}: included path {rel!r} does not exist")
        for f in files:
            rel_path = PurePosixPath(f.relative_to(root).as_posix())
            if path.is_file() or not _is_test_file(rel_path.relative_to(rel)):
                found.append(str(rel_path))
    return found


def count_lines(root: Path, include: Sequence[str]) -> int:
    """Non-blank lines of the included source files (:func:`source_files`)."""
    total = 0
    for rel in source_files(root, include):
        text = (root / rel).read_text(encoding="utf-8", errors="replace")
        total += sum(1 for line in text.splitlines() if line.strip())
    return total


# --- environments and the green check --------------------------------------------------------------------


def _run(cmd: Sequence[str], what: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if res.returncode != 0:
        tail = (res.stderr or res.stdout).strip()[-800:]
        raise CorpusError(f"{what} failed ({res.returncode}): {tail}")
    return res


def make_venv(project: Project, pytest_req: str, cache: Path, python: str) -> Path:
    """A venv for the project's suite: pinned pytest and deps, not the project (the tests import its tree).

    Returns the venv's interpreter. A venv whose requirements changed is made anew.
    """
    venv = cache / "venvs" / project.key
    py = venv / "bin" / "python"
    wanted = "\n".join([pytest_req, *project.deps])
    stamp = venv / "tflm-requirements.txt"
    if py.exists() and stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return py
    shutil.rmtree(venv, ignore_errors=True)
    _run([python, "-m", "venv", str(venv)], f"{project.key}: creating a venv")
    _run(
        [str(py), "-m", "pip", "install", "-q", "--disable-pip-version-check", pytest_req, *project.deps],
        f"{project.key}: installing the test dependencies",
    )
    stamp.write_text(wanted, encoding="utf-8")
    return py


@dataclass
class SuiteReport:
    """The outcome of one project's green check."""

    name: str
    version: str
    status: str = "pending"  # "green", "red" (a test failed or errored) or "error" (it could not be run)
    collected: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    seconds: float = 0.0
    lines: int = 0
    message: str = ""
    resumed: bool = False
    failures: list[str] = field(default_factory=list)

    @property
    def green(self) -> bool:
        return self.status == "green"


def _junit_counts(path: Path) -> tuple[int, int, int, int, list[str]]:
    """(tests, failures, errors, skipped, ids of failing tests) from pytest's JUnit XML."""
    root = ElementTree.parse(path).getroot()  # our own pytest run wrote it
    tests = failures = errors = skipped = 0
    failing: list[str] = []
    for case in root.iter("testcase"):
        tests += 1
        tags = {child.tag for child in case}
        if "failure" in tags or "error" in tags:
            failures += "failure" in tags
            errors += "error" in tags and "failure" not in tags
            failing.append(f"{case.get('classname', '')}::{case.get('name', '')}")
        elif "skipped" in tags:
            skipped += 1
    return tests, failures, errors, skipped, failing


def run_suite(project: Project, root: Path, python: Path, timeout: float = 1800.0) -> SuiteReport:
    """Run the project's suite in its tree with its venv's interpreter; a per-project report."""
    report = SuiteReport(project.name, project.version, lines=count_lines(root, project.include))
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON", "COV_", "VIRTUAL_ENV"))
    }
    env["PYTHONPATH"] = os.pathsep.join(str(root / p) for p in project.pythonpath)
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # the tree stays as unpacked, mutants compile afresh
    with tempfile.TemporaryDirectory(prefix="tflm-pypi-") as tmp:
        xml = Path(tmp) / "junit.xml"
        cmd = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={xml}"]
        start = time.perf_counter()
        try:
            res = subprocess.run(
                cmd + project.pytest_args(),
                cwd=root,
                env=env,
                capture_output=True,
                text=True,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            report.status, report.message = "error", f"the suite ran past {timeout:.0f} s"
            return report
        report.seconds = round(time.perf_counter() - start, 2)
        if not xml.is_file():
            report.status = "error"
            report.message = f"pytest exited {res.returncode}: {(res.stdout + res.stderr).strip()[-800:]}"
            return report
        tests, failures, errors, skipped, failing = _junit_counts(xml)
    report.collected, report.failed, report.errors, report.skipped = tests, failures, errors, skipped
    report.passed = tests - failures - errors - skipped
    report.failures = failing[:20]
    if res.returncode == 0 and tests:
        report.status = "green"
    else:
        report.status = "red" if tests else "error"
        report.message = f"pytest exited {res.returncode}" + (
            f"; failing: {', '.join(failing[:5])}" if failing else ""
        )
    return report


def _state_key(project: Project, pytest_req: str, python: str) -> str:
    """What a green check depends on: a change to any of it makes the check run again."""
    what = {
        "entry": {
            k: v for k, v in asdict(project).items() if k not in ("lines", "n_tests", "seconds", "notes")
        },
        "pytest": pytest_req,
        "python": python,
    }
    return hashlib.sha256(json.dumps(what, sort_keys=True).encode()).hexdigest()[:16]


def _python_version(python: str) -> str:
    res = _run([python, "-c", "import sys; print(sys.version.split()[0])"], f"{python}: asking its version")
    return res.stdout.strip()


def check_project(
    project: Project, pytest_req: str, cache: Path, python: str, *, timeout: float = 1800.0
) -> SuiteReport:
    """Fetch, verify, unpack, build the venv and run the suite of one project (or resume its green check)."""
    state = cache / "state" / f"{project.key}.json"
    key = _state_key(project, pytest_req, _python_version(python))
    if state.is_file():
        try:
            saved = json.loads(state.read_text(encoding="utf-8"))
            if saved.get("key") == key and saved["report"]["status"] == "green":
                return SuiteReport(**{**saved["report"], "resumed": True})
        except (ValueError, KeyError, TypeError):
            pass  # a damaged state file: check again
    try:
        root = source_tree(project, cache)
        py = make_venv(project, pytest_req, cache, python)
        report = run_suite(project, root, py, timeout)
    except CorpusError as exc:
        return SuiteReport(project.name, project.version, status="error", message=str(exc))
    state.parent.mkdir(parents=True, exist_ok=True)
    tmp = state.with_name(f".{state.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"key": key, "report": asdict(report)}, indent=1), encoding="utf-8")
    os.replace(tmp, state)
    return report


def fetch_all(
    manifest: Manifest | str | os.PathLike[str],
    cache: str | os.PathLike[str] | None = None,
    *,
    only: Iterable[str] | None = None,
    python: str | None = None,
    timeout: float = 1800.0,
    progress: Callable[[int, int], None] | None = None,
) -> list[SuiteReport]:
    """Check every project of the manifest (or those in ``only``); one report each, in manifest order.

    Parameters
    ----------
    manifest : Manifest or path
        The manifest, or the path of its TOML file.
    cache : path, optional
        Cache folder (default :func:`default_cache`).
    only : iterable of str, optional
        Project names to check; the rest are left alone.
    python : str, optional
        Interpreter the venvs are made from (default: this one).
    timeout : float
        Limit of one suite's run, in seconds.
    progress : callable, optional
        Called as ``progress(done, total)`` before the first project and after each.

    Returns
    -------
    list of SuiteReport
        A project that could not be fetched or run has status ``"error"`` and a message; the others still run.
    """
    m = manifest if isinstance(manifest, Manifest) else load_manifest(manifest)
    root = Path(cache) if cache is not None else default_cache()
    projects = m.select(only)
    interpreter = python or sys.executable
    reports: list[SuiteReport] = []
    if progress:
        progress(0, len(projects))
    for i, project in enumerate(projects, 1):
        reports.append(check_project(project, m.pytest, root, interpreter, timeout=timeout))
        if progress:
            progress(i, len(projects))
    return reports
