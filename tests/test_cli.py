"""The ``tflm`` command line, run as a real subprocess."""

import json

import pytest
from helpers import REPO, run_cli

from tflm.spectrum import Spectrum


def test_localize_table_shows_source(project):
    res = run_cli("localize", str(project("mid")), "--top", "3", "--formula", "ochiai")
    assert res.returncode == 0, res.stderr
    assert "mid.py:8" in res.stdout and "m = y  # the bug" in res.stdout
    assert "7 tests: 1 failed, 6 passed" in res.stdout


def test_localize_json_schema(project):
    root = project("pkg_layout")
    res = run_cli("localize", str(root), "--json", "--formula", "dstar")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["schema"] == "tflm.localize/1" and doc["method"] == "dstar"
    assert doc["program"] == str(root)
    assert set(doc["tests"]) >= {"total", "failed", "passed", "error", "skipped", "timeout", "crashed"}
    assert doc["tests"]["total"] == 6 and doc["tests"]["failed"] == 2
    lines = doc["lines"]
    assert lines[0] == {"file": "src/shapes/perimeter.py", "line": 4, "score": lines[0]["score"], "rank": 1}
    assert [x["score"] for x in lines] == sorted((x["score"] for x in lines), reverse=True)
    assert all(set(x) == {"file", "line", "score", "rank"} for x in lines)
    assert len(lines) == 3 + 6 + 4  # every executable line of the three files, since no --top


def test_localize_json_top(project):
    res = run_cli("localize", str(project("mid")), "--json", "--top", "2")
    assert len(json.loads(res.stdout)["lines"]) == 2


def test_tests_and_source_options(project):
    root = project("pkg_layout")
    res = run_cli(
        "localize",
        str(root),
        "--json",
        "--tests",
        "tests/test_perimeter.py",
        "--source",
        "src/shapes/perimeter.py",
    )
    doc = json.loads(res.stdout)
    assert doc["tests"]["total"] == 3
    assert {x["file"] for x in doc["lines"]} == {"src/shapes/perimeter.py"}


def test_collect_writes_spectrum(project, tmp_path):
    out = tmp_path / "spec.npz"
    res = run_cli("collect", str(project("mid")), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert Spectrum.load(out).n_tests == 7


@pytest.mark.parametrize(
    "fixture, args, code, message",
    [
        ("all_pass", [], 3, "no failing test"),
        ("no_tests", [], 3, "collected no tests"),
        ("syntax", [], 2, "SyntaxError"),
        ("latin1", [], 2, "not valid utf-8"),
        ("mid", ["--python", "/no/such/python"], 2, "Python interpreter not found"),
    ],
)
def test_bad_input_gives_message_not_traceback(project, fixture, args, code, message):
    res = run_cli("localize", str(project(fixture)), *args)
    assert res.returncode == code
    assert message in " ".join(res.stderr.split())  # rich may wrap long lines
    assert "Traceback" not in res.stderr and "Traceback" not in res.stdout


def test_hang_via_cli(project):
    res = run_cli("localize", str(project("hang")), "--timeout", "1", "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["tests"]["timeout"] == 2 and doc["lines"][0]["file"] == "loops.py"


def test_missing_root():
    res = run_cli("localize", "/no/such/project")
    assert res.returncode == 2 and "not a directory" in res.stderr


def test_example_project_from_readme():
    # The README's first command, with the shipped model, and the Ochiai ranking it is compared with.
    res = run_cli("localize", str(REPO / "examples" / "shop"), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["method"] == "tflm" and all(0 <= x["score"] <= 1 for x in doc["lines"])
    top = [(x["file"], x["line"]) for x in doc["lines"][:5]]
    assert ("shop/pricing.py", 14) in top  # the planted bug
    res = run_cli("localize", str(REPO / "examples" / "shop"), "--json", "--formula", "ochiai")
    top = [(x["file"], x["line"]) for x in json.loads(res.stdout)["lines"][:2]]
    assert ("shop/pricing.py", 14) in top


def _top_lines(res):
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)["lines"]


def test_default_model_feedback_reranks_without_retraining():
    shop = str(REPO / "examples" / "shop")
    lines = _top_lines(run_cli("localize", shop, "--json"))
    assert json.loads(run_cli("localize", shop, "--json", "--top", "1").stdout)["method"] == "tflm"
    top = f"{lines[0]['file']}:{lines[0]['line']}"
    after = _top_lines(run_cli("localize", shop, "--json", "--clean", top))
    assert top not in {f"{x['file']}:{x['line']}" for x in after}
    assert len(after) == len(lines) - 1
    one = _top_lines(run_cli("localize", shop, "--json", "--bugs", "1"))
    assert sum(x["score"] for x in one) == pytest.approx(1.0)
    one_after = _top_lines(run_cli("localize", shop, "--json", "--bugs", "1", "--clean", top))
    assert sum(x["score"] for x in one_after) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--clean", "shop/cart.py:999"], "not an executable line"),
        (["--clean", "no-line-number"], "expected FILE:LINE"),
        (["--formula", "ochiai", "--bugs", "1"], "need the model"),
        (["--bugs", "99"], "between 1 and 8"),
        (["--model", "/no/such/model.npz"], "no such model file"),
        (["--in-function", "nope"], "no function named"),
    ],
)
def test_bad_feedback_gives_message_not_traceback(args, message):
    res = run_cli("localize", str(REPO / "examples" / "shop"), *args)
    assert res.returncode == 2
    assert message in " ".join(res.stderr.split())
    assert "Traceback" not in res.stderr


def test_fit_defaults_match_the_estimator():
    # The CLI spells its defaults out (it may not import numpy at parse time); they must not drift from
    # TFLM's, or `tflm fit` and `TFLM().fit` would train different models.
    import inspect

    from tflm.cli import _parser
    from tflm.model import TFLM

    args = _parser().parse_args(["fit", "data", "--out", "m.npz"])
    defaults = {k: p.default for k, p in inspect.signature(TFLM).parameters.items()}
    cli = {
        "n_program_clusters": args.program_clusters,
        "n_function_clusters": args.function_clusters,
        "min_instances": args.min_instances,
        "n_estimators": args.n_estimators,
        "smoothing": args.smoothing,
        "branch_share": args.branch_share,
        "objective": args.objective,
        "listwise_programs": args.listwise_programs,
        "random_state": args.seed,
    }
    assert cli == {k: defaults[k] for k in cli}
    # the listwise knobs left unset fall back to the estimator's own defaults
    assert args.l2 is None and args.max_iter is None and args.listwise_params is None
