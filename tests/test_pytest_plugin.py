"""``pytest --tflm``: a real pytest subprocess on fixture projects, with and without the flag."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from helpers import tree_digest


def _pytest(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _outcomes(xml_path):
    cases = {}
    for case in ET.parse(xml_path).getroot().iter("testcase"):
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        cases[f"{case.get('classname')}::{case.get('name')}"] = kinds[0] if kinds else "passed"
    return cases


@pytest.mark.parametrize("fixture, code", [("mid", 1), ("all_pass", 0), ("pkg_layout", 1), ("syntax", 2)])
def test_plugin_never_changes_outcomes_or_exit_status(project, tmp_path, fixture, code):
    root = project(fixture)
    plain = _pytest(root, "--junitxml", str(tmp_path / "plain.xml"))
    with_tflm = _pytest(root, "--tflm", "--junitxml", str(tmp_path / "tflm.xml"))
    assert plain.returncode == with_tflm.returncode == code, with_tflm.stdout[-2000:]
    assert _outcomes(tmp_path / "plain.xml") == _outcomes(tmp_path / "tflm.xml")
    assert (
        plain.stdout.strip().splitlines()[-1].split(" in ")[0]
        == with_tflm.stdout.strip().splitlines()[-1].split(" in ")[0]
    )
    assert "== tflm ==" not in plain.stdout


def test_plugin_prints_ranking_and_writes_reports(project, tmp_path):
    root = project("mid")
    before = tree_digest(root)
    out_json, out_html = tmp_path / "r.json", tmp_path / "r.html"
    res = _pytest(
        root, "--tflm", "--tflm-top", "3", "--tflm-json", str(out_json), "--tflm-html", str(out_html)
    )
    assert res.returncode == 1
    section = res.stdout[res.stdout.index("== tflm ==") :]
    assert "most suspicious lines (tflm), 1 failing of 7 tests" in section
    printed = [line.split() for line in section.splitlines()[2:5]]
    assert [p[0] for p in printed] == ["1", "2", "3"]
    assert "mid.py:8" in [p[2] for p in printed]  # the bug, in the top 3 the model prints
    doc = json.loads(out_json.read_text())
    assert doc["schema"] == "tflm.localize/1"
    assert f"{doc['lines'][0]['file']}:{doc['lines'][0]['line']}" == printed[0][2]
    assert doc["tests"]["failed"] == 1 and doc["tests"]["passed"] == 6
    assert "m = y  # the bug" in out_html.read_text()
    assert tree_digest(root) == before  # nothing written into the project


def test_plugin_formula_and_nothing_to_localize(project):
    res = _pytest(project("mid"), "--tflm", "--tflm-formula", "ochiai")
    section = res.stdout[res.stdout.index("== tflm ==") :]
    assert "most suspicious lines (ochiai)" in section
    assert section.splitlines()[2].split()[2] == "mid.py:8"  # Ochiai puts this fixture's bug alone on top
    res = _pytest(project("all_pass"), "--tflm")
    assert res.returncode == 0 and "no failing test" in res.stdout


def test_plugin_reports_its_own_failure_without_changing_the_exit(project):
    res = _pytest(project("mid"), "--tflm", "--tflm-model", "/no/such/model.npz")
    assert res.returncode == 1
    assert "tflm: /no/such/model.npz: no such model file" in res.stdout


def test_plugin_names_the_unreadable_source(tmp_path):
    # The only source does not parse: the user's error is pytest's, tflm's line says which file it skipped.
    (tmp_path / "mod.py").write_text("def f(:\n    pass\n")
    (tmp_path / "test_mod.py").write_text("import mod\n\n\ndef test_a():\n    assert mod\n")
    res = _pytest(tmp_path, "--tflm")
    assert res.returncode == 2
    assert "tflm: no usable source file under" in res.stdout and "mod.py:1: syntax error" in res.stdout
    assert "could not localize" not in res.stdout


def test_the_tests_never_see_the_collectors_settings(tmp_path):
    # The in-process collector is configured directly, not through os.environ: a test (or a subprocess it
    # starts) must find the environment exactly as without --tflm.
    (tmp_path / "mod.py").write_text("def one():\n    return 1\n")
    (tmp_path / "test_env.py").write_text(
        "import os, subprocess, sys\nfrom mod import one\n\n\n"
        "def test_env():\n    assert not [k for k in os.environ if k.startswith('TFLM_')]\n\n\n"
        "def test_child_env():\n"
        "    out = subprocess.run([sys.executable, '-c', 'import os; print(sorted(os.environ))'],\n"
        "                         capture_output=True, text=True).stdout\n"
        "    assert 'TFLM_' not in out\n\n\n"
        "def test_one():\n    assert one() == 2\n"
    )
    res = _pytest(tmp_path, "--tflm", "-rA")
    assert res.returncode == 1, res.stdout[-2000:]
    assert "PASSED test_env.py::test_env" in res.stdout and "PASSED test_env.py::test_child_env" in res.stdout
    assert "mod.py:2" in res.stdout[res.stdout.index("== tflm ==") :]
