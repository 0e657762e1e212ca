import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "projects"
REPO = Path(__file__).resolve().parents[1]


def tree_digest(root: Path) -> dict[str, str]:
    """Every file and folder under ``root`` with its content hash and mode: any change shows."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            p = Path(dirpath, d)
            out[str(p.relative_to(root)) + "/"] = oct(p.stat().st_mode)
        for f in filenames:
            p = Path(dirpath, f)
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
    return out


@pytest.fixture
def project(tmp_path):
    """Copy a fixture project into a fresh folder and return its path."""

    def make(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / name, dest)
        return dest

    return make


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real ``tflm`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "tflm", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def _find_python(minor: str) -> str | None:
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for cand in sorted(pyenv.glob(f"3.{minor}.*/bin/python3")):
        return str(cand)
    return shutil.which(f"python3.{minor}")


@pytest.fixture(scope="session")
def python312(tmp_path_factory) -> str:
    """A Python 3.12 venv with pytest, for the sys.monitoring backend (skipped where no 3.12 exists)."""
    base = _find_python("12")
    if base is None:
        pytest.skip("no Python 3.12 interpreter on this machine")
    venv = tmp_path_factory.mktemp("py312")
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    res = subprocess.run([str(py), "-m", "pip", "install", "-q", "pytest"], capture_output=True, text=True)
    if res.returncode != 0:
        pytest.skip(f"could not install pytest into a 3.12 venv: {res.stderr[-300:]}")
    return str(py)
