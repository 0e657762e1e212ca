import fcntl
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


# Tests that write one shared place outside tmp_path take a file lock, so that they run one after the
# other whatever the xdist distribution: both benchmark tests extract the quick dataset into
# benchmarks/.cache, and an extraction refuses to share its folder. (`make test` uses `--dist loadfile`,
# which keeps them on one worker anyway; `loadgroup` marks are ignored under pytest 9.)
_SHARED_STATE = {"test_benchmarks.py": Path(__file__).resolve().parents[1] / "benchmarks" / ".cache"}


@pytest.fixture(autouse=True)
def _one_at_a_time_on_shared_state(request):
    folder = _SHARED_STATE.get(request.node.path.name)
    if folder is None:
        yield
        return
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".tests.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


@pytest.fixture(autouse=True, scope="session")
def _own_cache_home(tmp_path_factory):
    """tflm's disk caches (the interpreter probe's) in a folder of this session, not the user's ~/.cache."""
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved
