"""Native corpus: base validation, manifest validation (including path escapes), materialisation."""

import json
import random
import shutil
from pathlib import Path

import pytest
from helpers import BASE_TOML, MINI, make_mini_corpus, run_cli

from tflm.corpora.extract import extract
from tflm.corpora.generate import REAL_MIX, generate, sample_single
from tflm.corpora.mutate import LEGACY_OPERATORS, OPERATORS
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


# ---- appended batches ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def appended(generated, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("app") / "corpus"
    shutil.copytree(generated, root)
    generate(root, seed=5, per_base=8, multi_per_base=2, workers=2, mix="real", append="r1")
    return root


def _mutation_keys(bugs):
    return {json.dumps(m, sort_keys=True) for b in bugs for m in b["mutations"]}


def test_append_keeps_every_bug_and_adds_a_named_batch(generated, appended, tmp_path):
    old = json.loads((generated / "manifest.json").read_text())
    new = json.loads((appended / "manifest.json").read_text())
    n = len(old["bugs"])
    assert new["bugs"][:n] == old["bugs"] and new["bases"] == old["bases"]
    added = new["bugs"][n:]
    assert added and all(b["id"].startswith(("mini/r1-s", "mini/r1-m")) for b in added)
    assert not _mutation_keys(b for b in added if b["kind"] == "single") & _mutation_keys(old["bugs"])
    assert [(b["name"], b["mix"]) for b in new["batches"]] == [("", "uniform"), ("r1", "real")]
    assert new["batches"][1]["bugs"] == len(added)
    assert new["candidates"]["single"] == old["candidates"]["single"] + 8
    assert sum(new["dropped"].values()) + len(new["bugs"]) == sum(new["candidates"].values())
    assert [b.id for b in NativeCorpus(appended).bugs()] == [b["id"] for b in new["bugs"]]  # it validates
    st = run_cli("corpus", "stats", str(appended), "--json")
    per_batch = json.loads(st.stdout)["per_batch_operator"]
    assert sum(per_batch["r1"].values()) == sum(b["kind"] == "single" for b in added)
    assert sum(per_batch[""].values()) == sum(b["kind"] == "single" for b in old["bugs"])
    # The same batch appended to another copy of the same manifest is the same.
    copy = tmp_path / "copy"
    shutil.copytree(generated, copy, ignore=shutil.ignore_patterns(".generate-cache.jsonl"))
    again = generate(copy, seed=5, per_base=8, multi_per_base=2, workers=2, mix="real", append="r1")
    assert again["bugs"] == new["bugs"]


def test_append_refuses_a_used_or_bad_name_and_needs_a_manifest(appended, corpus):
    before = (appended / "manifest.json").read_text()
    with pytest.raises(CorpusError, match="batch 'r1' already exists"):
        generate(appended, per_base=1, multi_per_base=0, append="r1")
    with pytest.raises(CorpusError, match="batch name"):
        generate(appended, per_base=1, multi_per_base=0, append="R-1")
    with pytest.raises(CorpusError, match="unknown operator mix"):
        generate(appended, per_base=1, multi_per_base=0, mix="zipf", append="r2")
    assert (appended / "manifest.json").read_text() == before
    with pytest.raises(CorpusError, match="no manifest"):
        generate(corpus, per_base=1, multi_per_base=0, append="r1")


def test_real_mix_is_weighted_seeded_and_skips_excluded_mutations(corpus):
    assert set(REAL_MIX) == set(OPERATORS) and sum(REAL_MIX.values()) == pytest.approx(1)
    base = NativeCorpus(corpus).bases["mini"]
    a = sample_single(base, 10, random.Random(4), "real")
    assert a == sample_single(base, 10, random.Random(4), "real") and len(set(a)) == 10
    assert not set(sample_single(base, 10, random.Random(4), "real", frozenset(a[:5]))) & set(a[:5])
    # The uniform mix stays on the operators of the first corpus, so its seed-0 manifest regenerates.
    assert {m.operator for m in sample_single(base, 200, random.Random(0))} <= set(LEGACY_OPERATORS)


def test_extraction_resumes_into_an_appended_manifest_with_only_the_new_bugs(generated, tmp_path):
    root = tmp_path / "c"
    shutil.copytree(generated, root)
    doc = json.loads((root / "manifest.json").read_text())
    doc["bugs"] = doc["bugs"][:2]
    (root / "manifest.json").write_text(json.dumps(doc))
    out = tmp_path / "data"
    extract(NativeCorpus(root), out, workers=1)
    stamps = {p.name: p.stat().st_mtime_ns for p in (out / "bugs").iterdir()}
    res = run_cli(
        "-q", "corpus", "generate", str(root), "--append", "x1", "--mix", "real",
        "--seed", "7", "--per-base", "3", "--multi-per-base", "0", "--workers", "1",
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "single-fault" in res.stdout
    index = extract(NativeCorpus(root), out, workers=1)
    ids = list(index["id"])
    assert ids[:2] == [b["id"] for b in doc["bugs"]] and len(ids) > 2
    assert all(i.startswith("mini/x1-s") for i in ids[2:]) and (index["status"] == "ok").all()
    # The bugs extracted before were not collected again.
    assert {p.name: p.stat().st_mtime_ns for p in (out / "bugs").iterdir() if p.name in stamps} == stamps
