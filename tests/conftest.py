import os
import shutil
import subprocess
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "projects"


@pytest.fixture
def project(tmp_path):
    """Copy a fixture project into a fresh folder and return its path."""

    def make(name: str) -> Path:
        dest = tmp_path / name
        shutil.copytree(FIXTURES / name, dest)
        return dest

    return make


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


# Tests that write one shared place outside tmp_path run on a single xdist worker (`--dist loadgroup`), one
# after the other: both benchmark tests extract the quick dataset into benchmarks/.cache, and an extraction
# refuses to share its folder.
_SHARED_STATE = {"test_benchmarks.py": "benchmarks-cache"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        group = _SHARED_STATE.get(item.path.name)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
