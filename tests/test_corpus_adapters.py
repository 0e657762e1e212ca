"""QuixBugs and BugsInPy adapters on small fixtures written in their layouts."""

import json
import shutil
from pathlib import Path

import pytest
from helpers import run_cli, tree_digest

from tflm.corpora import BugsInPy, CorpusError, QuixBugs, open_corpus
from tflm.corpora.bugsinpy import read_bug_info, read_requirements
from tflm.corpora.extract import extract, load_dataset

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def quixbugs(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURES / "quixbugs", tmp_path / "QuixBugs"))


@pytest.fixture
def bugsinpy(tmp_path) -> tuple[Path, Path]:
    root = shutil.copytree(FIXTURES / "bugsinpy", tmp_path / "BugsInPy")
    checkout = shutil.copytree(FIXTURES / "bugsinpy_checkout" / "tinycalc", tmp_path / "work" / "tinycalc")
    return Path(root), Path(checkout)


def test_quixbugs_ground_truth(quixbugs):
    bugs = {b.id: b for b in QuixBugs(quixbugs).bugs()}
    # count_words has identical buggy and correct versions: no bug to learn from, left out.
    assert set(bugs) == {"quixbugs/running_max", "quixbugs/spin"}
    # The trailing docstring of the buggy file and the comment in the correct one do not count.
    assert bugs["quixbugs/running_max"].truth.lines == {("python_programs/running_max.py", 5)}
    assert bugs["quixbugs/spin"].truth.lines == {("python_programs/spin.py", 3)}


def test_quixbugs_end_to_end_with_timeouts(quixbugs, tmp_path):
    before = tree_digest(quixbugs)
    index = extract(QuixBugs(quixbugs, test_timeout=1.0), tmp_path / "ds", workers=2).set_index("id")
    assert (index["status"] == "ok").all(), index["error"]
    assert index.loc["quixbugs/running_max", "n_failing"] == 2
    assert index.loc["quixbugs/spin", "n_failing"] == 1  # spin(0) never stops: a timeout, still a failure
    data = load_dataset(tmp_path / "ds")
    assert set(data["file"]) == {"python_programs/running_max.py", "python_programs/spin.py"}
    top = data.sort_values("ochiai", ascending=False).groupby("bug").head(1)
    assert top.set_index("bug").loc["quixbugs/running_max", "line"] == 5  # Ochiai finds it at rank 1
    assert tree_digest(quixbugs) == before


def test_bugsinpy_info_and_requirements(bugsinpy):
    root, _ = bugsinpy
    bug_dir = root / "projects" / "tinycalc" / "bugs" / "1"
    info = read_bug_info(bug_dir / "bug.info")
    assert info["fixed_commit_id"] == "2" * 40  # written as `fixed_commit_id ="..."`
    assert info["test_file"] == "tests/test_ops.py"
    assert read_requirements(bug_dir / "requirements.txt") == ["pytest"]  # UTF-16, -e line dropped
    assert read_requirements(bug_dir / "requirements.txt", editable=True)[1].startswith("-e git+")


def test_bugsinpy_ground_truth_and_extraction(bugsinpy, tmp_path):
    root, checkout = bugsinpy
    before = tree_digest(checkout)
    source = BugsInPy(root, {"tinycalc/1": checkout})
    (bug,) = source.bugs()
    assert bug.id == "bugsinpy/tinycalc/1"
    assert bug.truth.lines == {("tinycalc/ops.py", 10)}  # the edited return; the added comment is no code
    index = extract(source, tmp_path / "ds", workers=1)
    assert index.loc[0, "status"] == "ok" and index.loc[0, "n_failing"] == 2 and index.loc[0, "n_tests"] == 4
    assert tree_digest(checkout) == before


def test_bugsinpy_checkout_at_wrong_commit(bugsinpy):
    root, checkout = bugsinpy
    ops = checkout / "tinycalc" / "ops.py"
    ops.write_text(
        ops.read_text().replace("    return total / (len(values) + 1)", "    return total / len(values)")
    )
    with pytest.raises(CorpusError, match="does not apply at line 10"):
        BugsInPy(root, {"tinycalc/1": checkout}).bugs()


def test_bugsinpy_bad_keys(bugsinpy):
    root, checkout = bugsinpy
    with pytest.raises(CorpusError, match="expected NAME/N"):
        BugsInPy(root, {"tinycalc": checkout}).bugs()
    with pytest.raises(CorpusError, match="no bug tinycalc/2"):
        BugsInPy(root, {"tinycalc/2": checkout}).bugs()
    with pytest.raises(CorpusError, match="escapes"):
        BugsInPy(root, {"../1": checkout}).bugs()


def test_open_corpus_recognises_layouts(quixbugs, bugsinpy):
    assert isinstance(open_corpus(quixbugs), QuixBugs)
    root, checkout = bugsinpy
    assert isinstance(open_corpus(root, checkouts={"tinycalc/1": checkout}), BugsInPy)
    with pytest.raises(CorpusError, match="needs project checkouts"):
        open_corpus(root)


def test_cli_extract_bugsinpy(bugsinpy, tmp_path):
    root, checkout = bugsinpy
    res = run_cli("-q", "corpus", "extract", str(root), "--out", str(tmp_path / "ds"),
                  "--checkout", f"tinycalc/1={checkout}")  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "1 bugs extracted" in res.stdout
    records = [json.loads(p.read_text()) for p in (tmp_path / "ds" / "bugs").glob("*.json")]
    assert [r["id"] for r in records] == ["bugsinpy/tinycalc/1"]
