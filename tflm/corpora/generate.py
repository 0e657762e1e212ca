"""Generating a corpus manifest: sample mutants of each base, run their tests, keep the real bugs.

A mutant is kept when at least one test fails and the collector succeeds. Dropped mutants are counted by
reason: ``equivalent`` (every test passes), ``timeout`` (the only failures are timeouts: an infinite loop,
costly to extract and not what most bugs look like) and ``error`` (the collector could not run the suite,
for example because the mutant breaks the import of a module).

Sampling is deterministic under the seed. The ``uniform`` mix is stratified by operator (round-robin over the
first corpus's 14 operators), so that the many cheap operators (``wrong_variable`` has a site at every name)
do not crowd out the rest. The ``real`` mix draws operators with the weights of :data:`REAL_MIX`, the
frequencies of the fix patterns of real bugs.

A corpus can grow by *batches*: ``generate(..., append="r1")`` samples new candidates (none already in the
manifest), checks them and appends the kept ones with ids ``BASE/r1-s001``..., leaving every earlier bug and
id as it was; extracting the corpus again into the same folder then only collects the new bugs.

Multi-fault bugs combine 2-3 kept single mutants of one base on different statements. Every verdict is
appended to a cache file next to the manifest, so an interrupted generation resumes where it stopped.
"""

from __future__ import annotations

import json
import random
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tflm.collection import collect
from tflm.corpora.mutate import LEGACY_OPERATORS, OPERATORS, Mutation, candidate_sites, enumerate_mutations
from tflm.corpora.native import (
    MANIFEST_FORMAT,
    MANIFEST_VERSION,
    Base,
    CorpusError,
    NativeCorpus,
    ground_truth,
    materialize,
    write_json_atomic,
)
from tflm.errors import TflmError

CACHE = ".generate-cache.jsonl"

# ---- the real-bug operator mix ---------------------------------------------------------------------------
# Single-statement bug fixes in Python by SStuB pattern, in thousands: TSSB-3M (Richter & Wehrheim, "TSSB-3M:
# Mining single statement bugs at massive scale", MSR 2022; its published pattern table). ManySStuBs4J
# (Karampatsis & Sutton, "How often do single-statement bugs occur? The ManySStuBs4J dataset", MSR 2020)
# ranks the patterns the two share alike in Java: "change identifier used" first in both its datasets,
# "wrong function name" and "same function more args" among the top five, "swap args" among the rarest
# ("change modifier", its second or fifth, has no Python counterpart). Patterns no operator makes are left
# out: add elements to iterable (57K), add attribute access (32K), change keyword argument used (20K),
# change constant type (6K).
TSSB3M_PATTERNS: dict[str, float] = {
    "change identifier used": 237,
    "change binary operand": 174,
    "same function more args": 150,
    "wrong function name": 134,
    "add function around expression": 117,
    "change attribute used": 104,
    "change numeric literal": 97,
    "more specific if": 68,
    "add method call": 60,
    "same function less args": 50,
    "change boolean literal": 37,
    "change binary operator": 29,
    "same function wrong caller": 25,
    "less specific if": 22,
    "change unary operator": 15,
    "same function swap args": 8,
}
# Which operators make the bug each pattern's fix repairs, with the share of the pattern each gets. A fix
# that adds a clause ("more specific if") repairs a dropped one; one that adds arguments repairs a missing
# argument; an operand is a name or a literal about equally often (our assumption).
PATTERN_OPERATORS: dict[str, dict[str, float]] = {
    "change identifier used": {"wrong_variable": 1.0},
    "change binary operand": {"wrong_variable": 0.5, "off_by_one": 0.5},
    "same function more args": {"missing_argument": 1.0},
    "wrong function name": {"wrong_call": 0.5, "wrong_function": 0.5},
    "add function around expression": {"unwrap_call": 1.0},
    "change attribute used": {"wrong_attribute": 1.0},
    "change numeric literal": {"wrong_constant": 0.5, "off_by_one": 0.5},
    "more specific if": {"drop_condition": 1.0},
    "add method call": {"unwrap_call": 1.0},
    "same function less args": {"extra_argument": 1.0},
    "change boolean literal": {"wrong_constant": 1.0},
    "change binary operator": {"arithmetic_swap": 1 / 3, "comparison_swap": 1 / 3, "and_or_swap": 1 / 3},
    "same function wrong caller": {"wrong_variable": 1.0},
    "less specific if": {"add_condition": 1.0},
    "change unary operator": {"unary_change": 0.5, "negate_condition": 0.5},
    "same function swap args": {"swap_arguments": 1.0},
}
# Fix patterns outside the single-statement catalogues, as shares of the whole mix. These are our judgement,
# not a published proportion: the SStuB studies exclude them by construction, while studies of whole fixes
# (Sobreira et al., "Dissection of a bug dataset: anatomy of 395 patches from Defects4J", SANER 2018) find
# added conditionals among the three most frequent repair actions; string literals are counted by no study.
OTHER_PATTERNS: dict[str, float] = {
    "missing_guard": 0.10,
    "drop_statement": 0.06,
    "duplicate_statement": 0.03,
    "wrong_return_value": 0.04,
    "wrong_return": 0.02,
    "wrong_slice": 0.02,
    "wrong_string": 0.03,
}


def _real_mix() -> dict[str, float]:
    """Operator weights summing to 1: the TSSB-3M patterns share what :data:`OTHER_PATTERNS` leaves."""
    raw: dict[str, float] = defaultdict(float)
    for pattern, count in TSSB3M_PATTERNS.items():
        for op, share in PATTERN_OPERATORS[pattern].items():
            raw[op] += count * share
    scale = (1 - sum(OTHER_PATTERNS.values())) / sum(raw.values())
    mix = {op: w * scale for op, w in raw.items()} | OTHER_PATTERNS
    return dict(sorted(mix.items(), key=lambda kv: -kv[1]))


REAL_MIX: dict[str, float] = _real_mix()
MIXES = ("uniform", "real")


@dataclass(frozen=True)
class Verdict:
    """Outcome of running one candidate mutant's tests."""

    key: str
    status: str  # kept / equivalent / timeout / error
    failing: int = 0
    detail: str = ""


def _key(base: str, suite_digest: str, mutations: Iterable[Mutation]) -> str:
    # The digest of sources and tests is part of the key: verdicts about another version are never reused.
    addresses = ";".join(f"{m.file}:{m.operator}:{m.site}:{m.variant}" for m in mutations)
    return f"{base}@{suite_digest}|{addresses}"


def sample_single(
    base: Base,
    n: int,
    rng: random.Random,
    mix: str = "uniform",
    exclude: frozenset[Mutation] = frozenset(),
) -> list[Mutation]:
    """``n`` mutation addresses of ``base`` (none of ``exclude``).

    ``uniform``: round-robin over the legacy operators in a seeded order. ``real``: each pick draws an
    operator with the :data:`REAL_MIX` weights among those with sites left in the base, then one of its
    sites; an operator a base lacks gives its weight to the others.
    """
    operators = LEGACY_OPERATORS if mix == "uniform" else tuple(op for op in OPERATORS if op in REAL_MIX)
    by_op: dict[str, list[Mutation]] = defaultdict(list)
    for rel in base.sources:
        for m in enumerate_mutations(rel, base.source_text(rel), operators):
            if m not in exclude:
                by_op[m.operator].append(m)
    pools = {op: rng.sample(ms, len(ms)) for op, ms in sorted(by_op.items())}
    picked: list[Mutation] = []
    if mix == "real":
        while len(picked) < n and any(pools.values()):
            live = [op for op in sorted(pools) if pools[op]]
            op = rng.choices(live, weights=[REAL_MIX[o] for o in live])[0]
            picked.append(pools[op].pop())
        return picked
    order = sorted(pools)
    rng.shuffle(order)
    while len(picked) < n and any(pools.values()):
        for op in order:
            if pools[op] and len(picked) < n:
                picked.append(pools[op].pop())
    return picked


def check(base: Base, mutations: tuple[Mutation, ...], test_timeout: float = 1.0) -> Verdict:
    """Run the mutant's suite and decide whether it is a bug worth keeping.

    Base suites run in well under a second, so a test still running after ``test_timeout`` is looping; the
    whole check is capped at 30 s so that a mutant that makes every test loop cannot stall generation.
    """
    key = ""  # the caller files the verdict under its own key
    try:
        with tempfile.TemporaryDirectory(prefix="tflm-mutant-") as tmp:
            root = materialize(base, mutations, Path(tmp) / base.name)
            spectrum = collect(root, test_timeout=test_timeout, total_timeout=30, autoload_plugins=False)
    except TflmError as exc:
        return Verdict(key, "error", detail=str(exc)[:200])
    counts = spectrum.outcome_counts()
    if counts["failing"] == 0:
        return Verdict(key, "equivalent")
    if counts["failing"] == counts["timeout"]:
        return Verdict(key, "timeout", counts["failing"])
    return Verdict(key, "kept", counts["failing"])


def _check_job(args: tuple[Path, str, tuple[Mutation, ...]]) -> Verdict:
    root, base_name, mutations = args
    corpus = NativeCorpus(root)
    return check(corpus.bases[base_name], mutations)


def _run_checks(
    corpus: NativeCorpus,
    jobs: list[tuple[str, tuple[Mutation, ...]]],
    keys: Callable[[str, tuple[Mutation, ...]], str],
    cache: dict[str, Verdict],
    cache_path: Path,
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    todo = [(b, ms) for b, ms in jobs if keys(b, ms) not in cache]
    done = len(jobs) - len(todo)
    if progress:
        progress(done, len(jobs))
    with open(cache_path, "a", encoding="utf-8") as fh, ProcessPoolExecutor(max_workers=workers) as pool:
        for (b, ms), got in zip(
            todo, pool.map(_check_job, [(corpus.root, b, ms) for b, ms in todo]), strict=True
        ):
            verdict = Verdict(keys(b, ms), got.status, got.failing, got.detail)
            cache[verdict.key] = verdict
            fh.write(json.dumps(verdict.__dict__) + "\n")
            fh.flush()
            done += 1
            if progress:
                progress(done, len(jobs))


def _read_cache(path: Path) -> dict[str, Verdict]:
    out: dict[str, Verdict] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                v = Verdict(**json.loads(line))
            except (ValueError, TypeError):
                continue  # a line cut short by a kill
            out[v.key] = v
    return out


def _combos(kept: list[Mutation], n: int, rng: random.Random, base: Base) -> list[tuple[Mutation, ...]]:
    """Up to ``n`` sets of 2-3 kept mutations of one base, each on its own, non-adjacent lines."""
    lines = {m: _mutation_line(base, m) for m in kept}
    out: list[tuple[Mutation, ...]] = []
    tries = 0
    while len(out) < n and tries < 50 * n and len(kept) >= 2:
        tries += 1
        k = rng.choice((2, 2, 3)) if len(kept) >= 3 else 2
        pick = tuple(sorted(rng.sample(kept, k), key=lambda m: (m.file, lines[m])))
        spots = [(m.file, lines[m]) for m in pick]
        if any(a[0] == b[0] and abs(a[1] - b[1]) < 2 for i, a in enumerate(spots) for b in spots[i + 1 :]):
            continue
        if pick not in out:
            out.append(pick)
    return out


def _mutation_line(base: Base, m: Mutation) -> int:
    return candidate_sites(base.source_text(m.file), m.operator)[m.site][m.variant].line


def generate(
    corpus_root: str | Path,
    *,
    seed: int = 0,
    per_base: int = 60,
    multi_per_base: int = 9,
    workers: int = 2,
    progress: Callable[[int, int], None] | None = None,
    mix: str = "uniform",
    append: str | None = None,
) -> dict[str, Any]:
    """Sample, check and write ``manifest.json`` for a native corpus; returns the manifest.

    Parameters
    ----------
    corpus_root : path
        The corpus folder (bases with ``base.toml``).
    seed : int
        Sampling seed; the same seed, mix, bases (and, when appending, manifest) give the same bugs.
    per_base, multi_per_base : int
        Candidate single-fault mutants, and multi-fault combinations, per base.
    workers : int
        Parallel test runs.
    mix : {"uniform", "real"}
        Operator mix: round-robin over the legacy operators, or :data:`REAL_MIX`.
    append : str, optional
        Name of a new batch (lowercase letters and digits) to add to the existing manifest instead of
        writing a new one: earlier bugs stay as they are, new ids are ``BASE/NAME-s001``,
        ``BASE/NAME-m001``... and no mutation of an earlier bug is sampled again.
    """
    if mix not in MIXES:
        raise CorpusError(f"unknown operator mix {mix!r}; expected one of {', '.join(MIXES)}")
    corpus = NativeCorpus(corpus_root)
    previous = _previous(corpus, append) if append is not None else None
    exclude: dict[str, set[Mutation]] = defaultdict(set)
    for d in previous["bugs"] if previous else []:
        exclude[d["base"]].update(Mutation.from_dict(m) for m in d["mutations"])
    digests = {name: b.digest() for name, b in sorted(corpus.bases.items())}
    suites = {name: b.digest(with_tests=True) for name, b in corpus.bases.items()}

    def keys(name: str, ms: tuple[Mutation, ...]) -> str:
        return _key(name, suites[name], ms)

    cache_path = corpus.root / CACHE
    cache = _read_cache(cache_path)
    rng = random.Random(seed)
    singles: list[tuple[str, tuple[Mutation, ...]]] = [
        (name, (m,))
        for name in sorted(corpus.bases)
        for m in sample_single(corpus.bases[name], per_base, rng, mix, frozenset(exclude[name]))
    ]
    _run_checks(corpus, singles, keys, cache, cache_path, workers, progress)
    kept_by_base: dict[str, list[Mutation]] = defaultdict(list)
    for name, ms in singles:
        if cache[keys(name, ms)].status == "kept":
            kept_by_base[name].append(ms[0])
    multis = [
        (name, combo)
        for name in sorted(corpus.bases)
        for combo in _combos(
            kept_by_base[name], multi_per_base, random.Random(f"{seed}/{name}"), corpus.bases[name]
        )
    ]
    _run_checks(corpus, multis, keys, cache, cache_path, workers, progress)

    prefix = f"{append}-" if append else ""
    bugs: list[dict[str, Any]] = []
    dropped: Counter[str] = Counter()
    for kind, jobs in (("single", singles), ("multi", multis)):
        counters: Counter[str] = Counter()
        for name, ms in jobs:
            v = cache[keys(name, ms)]
            if v.status != "kept":
                dropped[f"{kind}:{v.status}"] += 1
                continue
            counters[name] += 1
            truth = ground_truth(corpus.bases[name], ms)
            bug_id = f"{name}/{prefix}{'s' if kind == 'single' else 'm'}{counters[name]:03d}"
            bugs.append(
                {
                    "id": bug_id,
                    "base": name,
                    "kind": kind,
                    "mutations": [m.to_dict() for m in ms],
                    "faulty": [list(x) for x in truth],
                    "failing_tests": v.failing,
                }
            )
    batch: dict[str, Any] = {
        "name": append or "",
        "seed": seed,
        "mix": mix,
        "per_base": per_base,
        "multi_per_base": multi_per_base,
        "candidates": {"single": len(singles), "multi": len(multis)},
        "dropped": dict(sorted(dropped.items())),
        "bugs": len(bugs),
    }
    if previous is None:
        manifest = {
            "format": MANIFEST_FORMAT,
            "version": MANIFEST_VERSION,
            "seed": seed,
            "per_base": per_base,
            "multi_per_base": multi_per_base,
            "bases": digests,
            "candidates": batch["candidates"],
            "dropped": batch["dropped"],
            "batches": [batch],
            "bugs": bugs,
        }
    else:
        # Top-level candidates and drops are corpus totals; each batch keeps its own.
        manifest = {k: v for k, v in previous.items() if k != "bugs"}
        manifest["bases"] = {**previous["bases"], **digests}
        manifest["candidates"] = dict(Counter(previous.get("candidates", {})) + Counter(batch["candidates"]))
        manifest["dropped"] = dict(sorted((Counter(previous.get("dropped", {})) + dropped).items()))
        manifest["batches"] = [*batches(previous), batch]
        manifest["bugs"] = previous["bugs"] + bugs
    changed = [name for name, b in corpus.bases.items() if suites[name] != b.digest(with_tests=True)]
    if changed:
        raise CorpusError(
            f"bases changed while the manifest was being generated ({', '.join(changed)}); "
            "run generate again (the mutants already checked are cached)"
        )
    if previous is not None and _read_manifest_bugs(corpus) != len(previous["bugs"]):
        raise CorpusError(f"{corpus.manifest_path} changed while the batch was being generated; run again")
    write_json_atomic(corpus.manifest_path, manifest)
    return manifest


def batches(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The batches a manifest was made of; a manifest from before batches is one unnamed uniform batch."""
    if "batches" in manifest:
        return list(manifest["batches"])
    return [
        {
            "name": "",
            "seed": manifest.get("seed"),
            "mix": "uniform",
            "per_base": manifest.get("per_base"),
            "multi_per_base": manifest.get("multi_per_base"),
            "candidates": manifest.get("candidates", {}),
            "dropped": manifest.get("dropped", {}),
            "bugs": len(manifest["bugs"]),
        }
    ]


def _previous(corpus: NativeCorpus, name: str) -> dict[str, Any]:
    """The manifest a batch called ``name`` is appended to (validated), refusing a name in use."""
    if not re.fullmatch(r"[a-z][a-z0-9]{0,15}", name):
        raise CorpusError(
            f"batch name {name!r}: use 1-16 lowercase letters and digits, starting with a letter"
        )
    manifest = corpus.manifest()
    if any(b.get("name") == name for b in batches(manifest)) or any(
        d["id"].split("/", 1)[-1].startswith(f"{name}-") for d in manifest["bugs"]
    ):
        raise CorpusError(f"{corpus.manifest_path}: batch {name!r} already exists; choose another name")
    return manifest


def _read_manifest_bugs(corpus: NativeCorpus) -> int:
    try:
        return len(json.loads(corpus.manifest_path.read_text(encoding="utf-8"))["bugs"])
    except (OSError, ValueError, KeyError, TypeError):
        return -1
