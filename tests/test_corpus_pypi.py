"""The PyPI corpus: the committed manifest, hash checks, safe unpacking and resumption, without network."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tflm.cli import main
from tflm.corpora import pypi
from tflm.corpora.native import CorpusError

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "corpora" / "pypi" / "manifest.toml"


def _tarball(path: Path, files: dict[str, str], top: str = "demo-1.0") -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for rel, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{rel}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


DEMO_FILES = {
    "demo/__init__.py": "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n",
    "demo/tests/test_demo.py": (
        "from demo import add, sub\n\n\ndef test_add():\n    assert add(1, 2) == 3\n\n\n"
        "def test_sub():\n    assert sub(3, 2) == 1\n\n\ndef test_flaky():\n    assert False\n"
    ),
}


def _project(archive: Path, **over: object) -> pypi.Project:
    fields: dict[str, object] = {
        "name": "demo",
        "version": "1.0",
        "url": f"https://files.example.invalid/{archive.name}",
        "sha256": hashlib.sha256(archive.read_bytes()).hexdigest(),
        "include": ("demo",),
        "tests": ("demo/tests",),
        "deselect": (pypi.Excluded("demo/tests/test_demo.py::test_flaky", "fails on purpose"),),
    }
    fields.update(over)
    return pypi.Project(**fields)  # type: ignore[arg-type]


# --- the committed manifest ------------------------------------------------------------------------------


def test_committed_manifest_follows_the_curation_rules() -> None:
    m = pypi.load_manifest(MANIFEST)
    assert len(m.projects) >= 30
    names = [p.name.lower() for p in m.projects]
    assert len(set(names)) == len(names)
    assert not [p.name for p in m.projects if pypi.is_excluded(p.name)]
    lo_lines, hi_lines = pypi.LINES_RANGE
    lo_tests, hi_tests = pypi.TESTS_RANGE
    for p in m.projects:
        assert lo_lines <= p.lines <= hi_lines, p.name
        assert lo_tests <= p.n_tests <= hi_tests, p.name
        assert p.seconds > 0, p.name
        assert p.url.startswith("https://files.pythonhosted.org/"), p.name
        assert p.filename.endswith((".tar.gz", ".zip")), p.name
    # the sizes span the range, rather than bunching at one end
    lines = sorted(p.lines for p in m.projects)
    assert lines[0] < 2_000 and lines[-1] > 10_000
    assert m.python.startswith("3.11")


def test_no_project_of_the_evaluations() -> None:
    for name in ("PySnooper", "pysnooper", "black", "youtube-dl", "yt-dlp", "youtube_dlc", "tqdm", "Scrapy"):
        assert pypi.is_excluded(name), name
    for name in ("toolz", "attrs", "boltons"):
        assert not pypi.is_excluded(name), name


def _manifest_text(entry: str) -> str:
    head = 'format = "tflm-pypi-corpus"\nversion = 1\nchecked = "2026-12-04"\npython = "3.11.7"\n'
    return head + 'pytest = "pytest==9.2.0"\n\n[[project]]\n' + entry


GOOD = (
    'name = "demo"\nversion = "1.0"\nurl = "https://files.pythonhosted.org/x/demo-1.0.tar.gz"\n'
    f'sha256 = "{"a" * 64}"\ninclude = ["demo"]\ntests = ["tests"]\n'
)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (GOOD.replace('"demo"', '"black"', 1), "BugsInPy"),
        (GOOD.replace("a" * 64, "A" * 64), "sha256"),
        (GOOD.replace("a" * 64, "abc"), "sha256"),
        (GOOD.replace("https://", "http://"), "url"),
        (GOOD + 'deps = ["hypothesis>=6"]\n', "pinned"),
        (GOOD + 'deps = ["hypothesis"]\n', "pinned"),
        (GOOD.replace('include = ["demo"]', 'include = ["../demo"]'), "inside"),
        (GOOD.replace('include = ["demo"]', "include = []"), "include"),
        (GOOD + 'deselect = [{ target = "tests/t.py::x" }]\n', "reason"),
        (GOOD + "colour = 1\n", "unknown keys"),
        (GOOD.replace('version = "1.0"', 'version = "one"'), "version"),
        (GOOD + "\n[[project]]\n" + GOOD.replace('"demo"', '"Demo"', 1), "twice"),
    ],
)
def test_bad_manifests_are_refused(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "manifest.toml"
    path.write_text(_manifest_text(entry), encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        pypi.load_manifest(path)


def test_a_good_manifest_loads(tmp_path: Path) -> None:
    path = tmp_path / "manifest.toml"
    extra = 'deselect = [{ target = "tests/t.py::x", reason = "needs the network" }]\n'
    path.write_text(_manifest_text(GOOD + extra), encoding="utf-8")
    m = pypi.load_manifest(path)
    (p,) = m.projects
    assert p.key == "demo-1.0" and p.filename == "demo-1.0.tar.gz"
    assert p.pytest_args() == ["tests", "--deselect=tests/t.py::x"]
    assert m.select(["DEMO"]) == [p]
    with pytest.raises(CorpusError, match="not in the manifest"):
        m.select(["other"])


# --- downloads and unpacking -----------------------------------------------------------------------------


def test_a_tampered_sdist_is_refused_and_removed(tmp_path: Path) -> None:
    archive = _tarball(tmp_path / "demo-1.0.tar.gz", DEMO_FILES)
    project = _project(archive)
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    cached = cache / "downloads" / archive.name
    cached.write_bytes(archive.read_bytes())
    assert pypi.download(project, cache) == cached  # the pinned hash matches: no network needed
    # the same name, other bytes: as if the cache or the index served something else
    _tarball(cached, {**DEMO_FILES, "demo/__init__.py": "import os\n"})
    with pytest.raises(CorpusError, match="does not match"):
        pypi.download(project, cache)
    assert not cached.exists()
    assert not (cache / "src").exists()


def _unsafe_tar(path: Path, member: tarfile.TarInfo) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        ok = tarfile.TarInfo("demo-1.0/setup.py")
        ok.size = 0
        tar.addfile(ok, io.BytesIO(b""))
        tar.addfile(member, io.BytesIO(b"x" * member.size) if member.isfile() else None)
    return path


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "", size: int = 1) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.size = size if kind == tarfile.REGTYPE else 0
    return info


@pytest.mark.parametrize(
    ("member", "message"),
    [
        (_member("/etc/evil"), "unsafe member"),
        (_member("demo-1.0/../../evil"), "unsafe member"),
        (_member("demo-1.0/link", tarfile.SYMTYPE, "../../etc/passwd"), "points outside"),
        (_member("demo-1.0/link", tarfile.SYMTYPE, "/etc/passwd"), "points outside"),
        (_member("demo-1.0/hard", tarfile.LNKTYPE, "../outside"), "points outside"),
        (_member("demo-1.0/dev", tarfile.CHRTYPE), "device"),
        (_member("demo-1.0/fifo", tarfile.FIFOTYPE), "device"),
    ],
)
def test_unsafe_tar_members_are_refused(tmp_path: Path, member: tarfile.TarInfo, message: str) -> None:
    archive = _unsafe_tar(tmp_path / "demo-1.0.tar.gz", member)
    with pytest.raises(CorpusError, match=message):
        pypi.unpack(archive, tmp_path / "out")
    assert not (tmp_path / "etc").exists() and not (tmp_path / "evil").exists()
    assert list((tmp_path / "out").iterdir()) == []  # nothing half-unpacked is left


def test_a_link_inside_the_archive_is_fine(tmp_path: Path) -> None:
    archive = _unsafe_tar(
        tmp_path / "demo-1.0.tar.gz", _member("demo-1.0/alias.py", tarfile.SYMTYPE, "setup.py")
    )
    top = pypi.unpack(archive, tmp_path / "out")
    assert (top / "alias.py").is_symlink() and top.name == "demo-1.0"


def test_unsafe_zip_members_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "demo-1.0.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("demo-1.0/setup.py", "")
        zf.writestr("demo-1.0/../../evil.py", "")
    with pytest.raises(CorpusError, match="unsafe member"):
        pypi.unpack(archive, tmp_path / "out")
    link = tmp_path / "link-1.0.zip"
    with zipfile.ZipFile(link, "w") as zf:
        info = zipfile.ZipInfo("link-1.0/alias")
        info.external_attr = (0o120777) << 16  # a symlink
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(CorpusError, match="link or special"):
        pypi.unpack(link, tmp_path / "out")


def test_oversized_archives_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = _tarball(tmp_path / "demo-1.0.tar.gz", DEMO_FILES)
    monkeypatch.setattr(pypi, "MAX_UNPACKED_BYTES", 10)
    with pytest.raises(CorpusError, match="more than 10 bytes"):
        pypi.unpack(archive, tmp_path / "out")


def test_source_files_leave_the_tests_out(tmp_path: Path) -> None:
    archive = _tarball(tmp_path / "demo-1.0.tar.gz", {**DEMO_FILES, "demo/conftest.py": "x = 1\n"})
    top = pypi.unpack(archive, tmp_path / "out")
    assert pypi.source_files(top, ["demo"]) == ["demo/__init__.py"]
    assert pypi.count_lines(top, ["demo"]) == 4
    with pytest.raises(CorpusError, match="does not exist"):
        pypi.source_files(top, ["missing"])


# --- the green check and resumption ---------------------------------------------------------------------


def _fake_venv(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """make_venv replaced by this interpreter (which has pytest): no pip, no network."""
    made: list[str] = []

    def fake(project: pypi.Project, pytest_req: str, cache: Path, python: str) -> Path:
        made.append(project.key)
        return Path(sys.executable)

    monkeypatch.setattr(pypi, "make_venv", fake)
    return made


@pytest.mark.slow
def test_green_check_and_resumption(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = _tarball(tmp_path / "demo-1.0.tar.gz", DEMO_FILES)
    project = _project(archive)
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    (cache / "downloads" / archive.name).write_bytes(archive.read_bytes())
    made = _fake_venv(monkeypatch)

    report = pypi.check_project(project, "pytest==9.2.0", cache, sys.executable)
    assert report.status == "green", report.message
    assert (report.collected, report.passed, report.failed) == (2, 2, 0)  # test_flaky deselected
    assert report.lines == 4 and report.seconds > 0 and not report.resumed
    state = json.loads((cache / "state" / "demo-1.0.json").read_text())
    assert state["report"]["status"] == "green"

    again = pypi.check_project(project, "pytest==9.2.0", cache, sys.executable)
    assert again.resumed and again.collected == 2 and made == ["demo-1.0"]  # not redone

    # a changed entry (here: the flaky test no longer deselected) is checked again, and is red
    red = pypi.check_project(
        pypi.Project(**{**project.__dict__, "deselect": ()}), "pytest==9.2.0", cache, sys.executable
    )
    assert red.status == "red" and red.failed == 1 and not red.resumed
    assert any("test_flaky" in f for f in red.failures)
    assert made == ["demo-1.0", "demo-1.0"]


@pytest.mark.slow
def test_cli_prints_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = _tarball(tmp_path / "demo-1.0.tar.gz", DEMO_FILES)
    sha = hashlib.sha256(archive.read_bytes()).hexdigest()
    entry = GOOD.replace("a" * 64, sha).replace('tests = ["tests"]', 'tests = ["demo/tests"]')
    entry += 'deselect = [{ target = "demo/tests/test_demo.py::test_flaky", reason = "fails on purpose" }]\n'
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(_manifest_text(entry), encoding="utf-8")
    cache = tmp_path / "cache"
    (cache / "downloads").mkdir(parents=True)
    (cache / "downloads" / archive.name).write_bytes(archive.read_bytes())
    _fake_venv(monkeypatch)
    code = main(["-q", "corpus", "pypi-fetch", str(manifest), "--cache", str(cache)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "demo" in out and "green" in out and "1 of 1 projects green" in out


def _pypi_reachable() -> bool:
    try:
        socket.create_connection(("files.pythonhosted.org", 443), timeout=3).close()
    except OSError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not _pypi_reachable(), reason="needs the network (files.pythonhosted.org)")
def test_download_of_a_real_sdist(tmp_path: Path) -> None:
    """The smallest project of the manifest really downloads and its pinned hash matches."""
    m = pypi.load_manifest(MANIFEST)
    smallest = min(m.projects, key=lambda p: p.lines)
    path = pypi.download(smallest, tmp_path)
    assert path.is_file() and pypi.sha256_of(path) == smallest.sha256
