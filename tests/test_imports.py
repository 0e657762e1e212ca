"""tflm must cost nothing where it is not used: pytest loads its plugin in every run of an environment where
tflm is installed, and ``tflm --version`` should answer at once. These tests check what gets imported, in a
fresh interpreter, rather than timing anything."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats import rankdata

from tflm.cli import FORMULA_CHOICES
from tflm.features.sbfl import RANKING_FORMULAS
from tflm.rank import Ranking, _min_ranks

HEAVY = ("numpy", "scipy", "pandas", "pyarrow", "rich", "networkx", "pathspec", "coverage", "sklearn")


def heavy_modules_after(code: str) -> list[str]:
    """The heavy top-level packages imported by running ``code`` in a fresh interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    loaded = set(json.loads(res.stdout.strip().splitlines()[-1]))
    return sorted(loaded & set(HEAVY))


@pytest.mark.parametrize(
    "code",
    [
        "import tflm",
        "import tflm.pytest_plugin",
        "import tflm.collection",
        "import tflm.cli; tflm.cli._parser()",
        "import tflm; tflm.__version__",
        "from tflm.collection import runner, interpreter, files",
    ],
)
def test_light_imports_pull_nothing_heavy(code):
    assert heavy_modules_after(code) == []


def test_pytest_without_tflm_option_imports_nothing_heavy(tmp_path):
    # A real pytest run with the plugin registered (as the pytest11 entry point does) but no --tflm.
    (tmp_path / "test_a.py").write_text(
        "import sys\n\n\ndef test_a():\n"
        f"    heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({list(HEAVY)!r}))\n"
        "    assert heavy == [], heavy\n"
    )
    res = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tflm.pytest_plugin", "-p", "no:cacheprovider"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**_clean_env(), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert res.returncode == 0, res.stdout[-3000:]


def _clean_env() -> dict[str, str]:
    """This environment without the outer pytest's (or xdist's) variables."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}


def test_version_command_imports_nothing_heavy():
    code = "from tflm.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass"
    assert heavy_modules_after(code) == []


def test_public_api_resolves_lazily():
    import tflm

    for name in tflm.__all__:
        assert getattr(tflm, name) is not None, name
    assert callable(tflm.collect) and tflm.TFLM.__name__ == "TFLM"
    assert set(tflm.__all__) <= set(dir(tflm))
    with pytest.raises(AttributeError):
        tflm.no_such_name  # noqa: B018


def test_collect_is_the_function_and_collection_its_package():
    code = (
        "import tflm.collection.runner\nimport tflm\nfrom tflm import collect\n"
        "assert callable(tflm.collect) and collect is tflm.collect, tflm.collect\n"
        "from tflm.collection import probe, Limits, BACKENDS\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr


def test_cli_formula_choices_match_the_formulas():
    assert FORMULA_CHOICES == RANKING_FORMULAS


@given(st.lists(st.integers(-3, 3), max_size=40))
def test_min_ranks_match_scipy(values):
    ordered = np.sort(np.asarray(values, dtype=float))
    assert _min_ranks(ordered).tolist() == rankdata(ordered, method="min").astype(int).tolist()
    assert _min_ranks(ordered).dtype == np.int64


def test_ranking_ties_share_the_first_rank():
    r = Ranking.from_scores(["a.py"] * 5, [1, 2, 3, 4, 5], [0.5, 0.9, 0.5, 0.1, 0.9], "x")
    assert r.ranks.tolist() == [1, 1, 3, 3, 5]


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    res = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return set(json.loads(res.stdout.strip().splitlines()[-1]))


def test_ranking_with_the_shipped_model_does_not_import_the_learners():
    # scipy.stats and scipy.optimize cost about 0.6 s to import and are needed only by fit().
    loaded = _modules_after(
        "from tflm.localization import load_model\nimport tflm.report.html\nload_model(None)"
    )
    assert {"scipy.stats", "scipy.optimize", "tflm.rspn.learn", "tflm.rspn.discriminative"}.isdisjoint(loaded)
    assert "tflm.rspn.compiled" in loaded


def test_progress_bar_loads_rich_only_when_it_first_shows():
    # rich costs 0.1 s to import: not at all when stderr is no terminal, and on a terminal only once the
    # work has begun (the tests' start-up must not wait for it).
    code = (
        "import sys\nfrom tflm.cli import _progress\nseen = []\n"
        "with _progress(True) as p:\n"
        "    seen.append('rich' in sys.modules)\n"
        "    if p: p(1, 3)\n"
        "    seen.append('rich' in sys.modules)\n"
        "print(seen)\n"
    )
    for env, expected in (({}, "[False, False]"), ({"FORCE_COLOR": "1"}, "[False, True]")):
        res = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=120,
            env={**_clean_env(), **env},
        )
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip().splitlines()[-1] == expected


def test_public_functions_stay_functions_after_every_module_is_imported():
    # A submodule named like a public function would replace it on the package once imported.
    code = (
        "import pkgutil, importlib, tflm\n"
        "for m in pkgutil.walk_packages(tflm.__path__, 'tflm.'):\n"
        "    if not m.name.endswith(('spflow_export', 'plugin', '__main__')):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [n for n in tflm.__all__ if type(getattr(tflm, n)).__name__ == 'module']\n"
        "assert not bad, bad\n"
        "assert callable(tflm.localize) and callable(tflm.collect)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]


def test_features_import_nothing_downstream():
    # The data flow is one way (collect -> features -> model -> rank -> report): the column registry and
    # the feature modules must not import the model or anything built on it; the model reads the registry.
    import ast
    from pathlib import Path

    import tflm.features

    downstream = ("tflm.rspn", "tflm.model", "tflm.rank", "tflm.localization", "tflm.report", "tflm.eval")
    for path in sorted(Path(tflm.features.__file__).parent.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            bad = [n for n in names if n.startswith(downstream)]
            assert not bad, f"{path.name} imports {bad}"
