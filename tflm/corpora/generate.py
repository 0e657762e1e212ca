"""Generating a corpus manifest: sample mutants of each base, run their tests, keep the real bugs.

A mutant is kept when at least one test fails and the collector succeeds. Dropped mutants are counted by
reason: ``equivalent`` (every test passes), ``timeout`` (the only failures are timeouts: an infinite loop,
costly to extract and not what most bugs look like) and ``error`` (the collector could not run the suite,
for example because the mutant breaks the import of a module).

Sampling is deterministic under the seed and stratified by operator, so that the many cheap operators
(``wrong_variable`` has a site at every name) do not crowd out the rest. Multi-fault bugs combine 2-3 kept
single mutants of one base on different statements. Every verdict is appended to a cache file next to the
manifest, so an interrupted generation resumes where it stopped.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tflm.collect import collect
from tflm.corpora.mutate import Mutation, candidate_sites, enumerate_mutations
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


def sample_single(base: Base, n: int, rng: random.Random) -> list[Mutation]:
    """``n`` mutation addresses of ``base``, round-robin over operators in a seeded order."""
    by_op: dict[str, list[Mutation]] = defaultdict(list)
    for rel in base.sources:
        for m in enumerate_mutations(rel, base.source_text(rel)):
            by_op[m.operator].append(m)
    pools = {op: rng.sample(ms, len(ms)) for op, ms in sorted(by_op.items())}
    order = sorted(pools)
    rng.shuffle(order)
    picked: list[Mutation] = []
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
) -> dict[str, Any]:
    """Sample, check and write ``manifest.json`` for a native corpus; returns the manifest.

    Parameters
    ----------
    corpus_root : path
        The corpus folder (bases with ``base.toml``).
    seed : int
        Sampling seed; the same seed and bases give the same manifest.
    per_base, multi_per_base : int
        Candidate single-fault mutants, and multi-fault combinations, per base.
    workers : int
        Parallel test runs.
    """
    corpus = NativeCorpus(corpus_root)
    digests = {name: b.digest() for name, b in sorted(corpus.bases.items())}
    suites = {name: b.digest(with_tests=True) for name, b in corpus.bases.items()}

    def keys(name: str, ms: tuple[Mutation, ...]) -> str:
        return _key(name, suites[name], ms)

    cache_path = corpus.root / CACHE
    cache = _read_cache(cache_path)
    rng = random.Random(seed)
    singles = [
        (name, (m,))
        for name in sorted(corpus.bases)
        for m in sample_single(corpus.bases[name], per_base, rng)
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

    bugs, dropped = [], Counter()
    for kind, jobs in (("single", singles), ("multi", multis)):
        counters: Counter[str] = Counter()
        for name, ms in jobs:
            v = cache[keys(name, ms)]
            if v.status != "kept":
                dropped[f"{kind}:{v.status}"] += 1
                continue
            counters[name] += 1
            truth = ground_truth(corpus.bases[name], ms)
            bug_id = f"{name}/{'s' if kind == 'single' else 'm'}{counters[name]:03d}"
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
    manifest = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "seed": seed,
        "per_base": per_base,
        "multi_per_base": multi_per_base,
        "bases": digests,
        "candidates": {"single": len(singles), "multi": len(multis)},
        "dropped": dict(sorted(dropped.items())),
        "bugs": bugs,
    }
    changed = [name for name, b in corpus.bases.items() if suites[name] != b.digest(with_tests=True)]
    if changed:
        raise CorpusError(
            f"bases changed while the manifest was being generated ({', '.join(changed)}); "
            "run generate again (the mutants already checked are cached)"
        )
    write_json_atomic(corpus.manifest_path, manifest)
    return manifest
