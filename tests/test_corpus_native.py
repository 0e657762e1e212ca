"""Native corpus: base validation, manifest validation (including path escapes), materialisation."""

import json
import shutil
from pathlib import Path

import pytest
from helpers import BASE_TOML, MINI, make_mini_corpus, run_cli

from tflm.corpora.generate import generate
from tflm.corpora.native import CorpusError, NativeCorpus


@pytest.fixture
def corpus(tmp_path) -> Path:
    return make_mini_corpus(tmp_path / "corpus")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = make_mini_corpus(tmp_path_factory.mktemp("gen") / "corpus")
    generate(root, seed=3, per_base=12, multi_per_base=3, workers=2)
    return root


def test_base_validation(corpus):
    c = NativeCorpus(corpus)
    assert list(c.bases) == ["mini"] and c.bases["mini"].sources == ("mini.py",)
    (corpus / "mini" / "base.toml").write_text(BASE_TOML.replace('["mini.py"]', '["../escape.py"]'))
    with pytest.raises(CorpusError, match="escapes the corpus root"):
        NativeCorpus(corpus)
    (corpus / "mini" / "base.toml").write_text(BASE_TOML.replace('"algorithms"', '"poetry"'))
    with pytest.raises(CorpusError, match="unknown category"):
        NativeCorpus(corpus)
    (corpus / "mini" / "base.toml").write_text(BASE_TOML.replace('["mini.py"]', '["gone.py"]'))
    with pytest.raises(CorpusError, match="does not exist"):
        NativeCorpus(corpus)
    (corpus / "mini" / "base.toml").write_text("name = [")
    with pytest.raises(CorpusError, match="base.toml"):
        NativeCorpus(corpus)


def test_generate_keeps_real_bugs_deterministically(generated, tmp_path):
    manifest = json.loads((generated / "manifest.json").read_text())
    bugs = manifest["bugs"]
    assert bugs and {b["kind"] for b in bugs} == {"single", "multi"}
    assert manifest["candidates"]["single"] == 12
    assert sum(manifest["dropped"].values()) + len(bugs) == sum(manifest["candidates"].values())
    # The same seed over a copy of the same bases gives the same manifest.
    copy = tmp_path / "copy"
    shutil.copytree(generated, copy, ignore=shutil.ignore_patterns("manifest.json", ".generate-cache.jsonl"))
    again = generate(copy, seed=3, per_base=12, multi_per_base=3, workers=2)
    assert again["bugs"] == bugs


def test_materialised_bug_fails_and_truth_matches_the_edit(generated, tmp_path):
    from tflm import collect

    c = NativeCorpus(generated)
    bug = next(b for b in c.bugs() if b.kind == "single")
    root = c.materialize(bug, tmp_path / "bug")
    changed = [
        i + 1
        for i, (a, b) in enumerate(
            zip(MINI.splitlines(), (root / "mini.py").read_text().splitlines(), strict=False)
        )
        if a != b
    ]
    assert changed and {ln for _, ln in bug.truth} & set(range(changed[0] - 1, changed[0] + 1))
    assert collect(root, autoload_plugins=False).outcome_counts()["failing"] >= 1
    assert (generated / "mini" / "mini.py").read_text() == MINI  # the base is never touched


def test_generation_resumes_from_its_cache(generated):
    cache = (generated / ".generate-cache.jsonl").read_text().splitlines()
    assert len(cache) == len({json.loads(x)["key"] for x in cache})  # every candidate checked once


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda m: m.update(format="other"), "not a tflm corpus manifest"),
        (lambda m: m.update(version=99), "manifest version 99"),
        (lambda m: m["bugs"][0]["mutations"][0].update(file="../../etc/passwd"), "escapes the corpus root"),
        (lambda m: m["bugs"][0]["mutations"][0].update(file="/etc/passwd"), "not a relative POSIX path"),
        (lambda m: m["bugs"][0].update(faulty=[["mini.py", -1]]), "positive line"),
        (lambda m: m["bugs"][0].update(faulty="x"), "positive line"),
        (lambda m: m["bugs"][0]["mutations"][0].update(operator="nope"), "unknown mutation operator"),
        (lambda m: m["bugs"].append(dict(m["bugs"][0])), "duplicate id"),
        (lambda m: m["bases"].update(mini="0000"), "changed since the manifest was generated"),
        (lambda m: m["bases"].update(ghost="0000"), "unknown base"),
    ],
)
def test_manifest_validation(generated, tmp_path, damage, message):
    root = tmp_path / "c"
    shutil.copytree(generated, root)
    doc = json.loads((root / "manifest.json").read_text())
    damage(doc)
    (root / "manifest.json").write_text(json.dumps(doc))
    with pytest.raises(CorpusError, match=message):
        list(NativeCorpus(root).bugs())


def test_truncated_manifest(generated, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(generated, root)
    text = (root / "manifest.json").read_text()
    (root / "manifest.json").write_text(text[: len(text) // 2])
    with pytest.raises(CorpusError, match="not a readable manifest"):
        NativeCorpus(root).manifest()


def test_cli_stats(generated):
    manifest = json.loads((generated / "manifest.json").read_text())
    res = run_cli("corpus", "stats", str(generated), "--json")
    assert res.returncode == 0, res.stderr
    st = json.loads(res.stdout)
    assert st["bases"] == 1 and st["bugs"] == len(manifest["bugs"])
    assert st["single"] + st["multi"] == st["bugs"]
    assert sum(st["per_operator"].values()) == st["single"]
    assert st["lines"] == len(MINI.splitlines())
    table = run_cli("corpus", "stats", str(generated))
    assert "single-fault bugs per operator" in table.stdout and f"bugs: {st['bugs']}" in table.stdout
