"""Our native corpus format: base programs, a manifest of bugs, and materialisation of a bug's tree.

Layout::

    CORPUS/
      manifest.json          # the bugs (written by ``tflm corpus generate``)
      NAME/base.toml         # one folder per correct base program
      NAME/NAME.py ...       # its sources (the files listed in base.toml)
      NAME/test_*.py         # its pytest suite

``base.toml`` holds ``name``, ``category``, ``description``, ``sources`` and ``tests`` (relative paths). The
manifest lists each bug: its id, base, the mutations that make it (addresses, see
:mod:`tflm.corpora.mutate`) and its ground-truth lines. A bug's tree is the base folder with the mutations
applied, so the repository stores addresses, never thousands of mutant files.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from tflm.corpora.bug import Bug
from tflm.corpora.mutate import Mutation, mutate_many
from tflm.errors import TflmError
from tflm.eval.ground_truth import GroundTruth
from tflm.source import read_source

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "tflm-corpus"
MANIFEST_VERSION = 1
CATEGORIES = frozenset(
    {"algorithms", "text", "parsing", "numeric", "data-structures", "package", "simulation"}
)


class CorpusError(TflmError):
    """A corpus, base or manifest is malformed."""


def safe_relative(root: Path, rel: str, what: str) -> Path:
    """``root / rel``, refusing absolute paths and paths that escape ``root`` (``..``, symlinks)."""
    if not isinstance(rel, str) or not rel or PurePosixPath(rel).is_absolute() or "\\" in rel:
        raise CorpusError(f"{what}: {rel!r} is not a relative POSIX path")
    if any(part == ".." for part in PurePosixPath(rel).parts):
        raise CorpusError(f"{what}: {rel!r} escapes the corpus root")
    path = (root / rel).resolve()
    if not path.is_relative_to(root.resolve()):
        raise CorpusError(f"{what}: {rel!r} escapes the corpus root")
    return path


@dataclass(frozen=True)
class Base:
    """A correct program with its test suite."""

    name: str
    root: Path
    category: str
    description: str
    sources: tuple[str, ...]
    tests: tuple[str, ...]

    @classmethod
    def load(cls, folder: Path) -> Base:
        try:
            meta = tomllib.loads((folder / "base.toml").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise CorpusError(f"{folder / 'base.toml'}: {exc}") from None
        where = f"{folder.name}/base.toml"
        for key, kind in (
            ("name", str),
            ("category", str),
            ("description", str),
            ("sources", list),
            ("tests", list),
        ):
            if not isinstance(meta.get(key), kind):
                raise CorpusError(f"{where}: '{key}' must be a {kind.__name__}")
        if meta["name"] != folder.name:
            raise CorpusError(f"{where}: name {meta['name']!r} differs from its folder {folder.name!r}")
        if meta["category"] not in CATEGORIES:
            raise CorpusError(f"{where}: unknown category {meta['category']!r}")
        for rel in meta["sources"] + meta["tests"]:
            if not safe_relative(folder, rel, where).is_file():
                raise CorpusError(f"{where}: listed file {rel!r} does not exist")
        if not meta["sources"] or not meta["tests"]:
            raise CorpusError(f"{where}: needs at least one source and one test file")
        return cls(
            meta["name"],
            folder,
            meta["category"],
            meta["description"],
            tuple(meta["sources"]),
            tuple(meta["tests"]),
        )

    def digest(self, with_tests: bool = False) -> str:
        """Hash of the sources (and tests); a manifest made for other sources is refused, not misapplied.

        Mutation addresses and ground truth depend on the sources only; whether a mutant is caught also
        depends on the tests, so the generator's verdict cache keys on both.
        """
        h = hashlib.sha256()
        for rel in self.sources + (self.tests if with_tests else ()):
            h.update(rel.encode() + b"\0" + (self.root / rel).read_bytes() + b"\0")
        return h.hexdigest()[:16]

    def source_text(self, rel: str) -> str:
        return read_source(self.root / rel, f"{self.name}/{rel}")


def buggy_sources(base: Base, mutations: tuple[Mutation, ...]) -> dict[str, str]:
    """The mutated text of every file the mutations touch."""
    by_file: dict[str, list[Mutation]] = {}
    for m in mutations:
        if m.file not in base.sources:
            raise CorpusError(f"{base.name}: mutation targets {m.file!r}, which is not a source of the base")
        by_file.setdefault(m.file, []).append(m)
    return {f: mutate_many(base.source_text(f), ms) for f, ms in by_file.items()}


def ground_truth(base: Base, mutations: tuple[Mutation, ...]) -> GroundTruth:
    """Faulty lines of the mutant: the BugsInPy convention applied to the fix (mutant → base)."""
    truth = GroundTruth(())
    for f, text in buggy_sources(base, mutations).items():
        truth = truth | GroundTruth.from_fix(f, text, base.source_text(f))
    return truth


def materialize(base: Base, mutations: tuple[Mutation, ...], dest: Path) -> Path:
    """Write the buggy version into ``dest`` (a fresh folder): the base folder with the mutations applied."""
    shutil.copytree(
        base.root, dest, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", ".coverage*")
    )
    for rel, text in buggy_sources(base, mutations).items():
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


class NativeCorpus:
    """A corpus folder: its bases and (if generated) its manifest of bugs."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root).resolve()
        self.name = self.root.name
        if not self.root.is_dir():
            raise CorpusError(f"corpus folder not found: {root}")
        folders = sorted(p.parent for p in self.root.glob("*/base.toml"))
        if not folders:
            raise CorpusError(f"{root}: no base programs (folders with a base.toml)")
        self.bases = {b.name: b for b in (Base.load(f) for f in folders)}
        self._manifest: dict[str, Any] | None = None
        self._only: frozenset[str] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Workers get one bug at a time; the whole manifest need not travel with every task.
        return {**self.__dict__, "_manifest": None}

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> dict[str, Any]:
        """The validated manifest (loaded once)."""
        if self._manifest is None:
            self._manifest = load_manifest(self.manifest_path, self)
        return self._manifest

    def bugs(self) -> list[Bug]:
        return [
            Bug(
                d["id"],
                d["base"],
                tuple(Mutation.from_dict(m) for m in d["mutations"]),
                GroundTruth(tuple(x) for x in d["faulty"]),
                d.get("kind", "single"),
            )
            for d in self.manifest()["bugs"]
            if self._only is None or d["id"] in self._only
        ]

    def subset(self, n: int, stride: int = 1, multi_share: float = 0.0) -> NativeCorpus:
        """The same corpus restricted to ``n`` bugs taken round-robin over the bases (every ``stride``-th
        bug of each base), so a small sample still covers every base; ``multi_share`` of them multi-fault."""
        n_multi = round(n * multi_share)
        picked: list[str] = []
        for kind, want in (("single", n - n_multi), ("multi", n_multi)):
            by_base: dict[str, list[Bug]] = {}
            for bug in self.bugs():
                if bug.kind == kind:
                    by_base.setdefault(bug.base, []).append(bug)
            ids: list[str] = []
            for i in range(0, max((len(v) for v in by_base.values()), default=0), stride):
                ids += [v[i].id for v in by_base.values() if i < len(v)]
            picked += ids[:want]
        sub = copy.copy(self)
        sub._only = frozenset(picked)
        return sub

    def materialize(self, bug: Bug, dest: Path) -> Path:
        return materialize(self.bases[bug.base], bug.mutations, dest)

    def prepare(self, bug: Bug, workdir: Path) -> tuple[Path, dict[str, Any]]:
        """The bug's project tree (materialised in ``workdir``) and how to collect it."""
        root = materialize(self.bases[bug.base], bug.mutations, workdir / bug.base)
        return root, {"autoload_plugins": False, "test_timeout": 2.0, "total_timeout": 300}


def load_manifest(path: Path, corpus: NativeCorpus) -> dict[str, Any]:
    """Read and validate a manifest: structure, types, known bases, matching base digests, safe paths."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: no manifest; run `tflm corpus generate {corpus.root}` first") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CorpusError(f"{path}: not a readable manifest ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != MANIFEST_FORMAT:
        raise CorpusError(f"{path}: not a tflm corpus manifest")
    if doc.get("version") != MANIFEST_VERSION:
        raise CorpusError(f"{path}: manifest version {doc.get('version')!r}, expected {MANIFEST_VERSION}")
    bugs, digests = doc.get("bugs"), doc.get("bases")
    if not isinstance(bugs, list) or not isinstance(digests, dict):
        raise CorpusError(f"{path}: 'bugs' must be a list and 'bases' an object")
    for name, digest in digests.items():
        if name not in corpus.bases:
            raise CorpusError(f"{path}: unknown base {name!r}")
        if digest != corpus.bases[name].digest():
            raise CorpusError(
                f"{path}: base {name!r} changed since the manifest was generated; regenerate it"
            )
    seen: set[str] = set()
    for i, d in enumerate(bugs):
        where = f"{path.name} bug #{i}"
        if not isinstance(d, dict) or not isinstance(d.get("id"), str) or not isinstance(d.get("base"), str):
            raise CorpusError(f"{where}: needs string 'id' and 'base'")
        if d["id"] in seen:
            raise CorpusError(f"{where}: duplicate id {d['id']!r}")
        seen.add(d["id"])
        if d["base"] not in digests:
            raise CorpusError(f"{where}: base {d['base']!r} is not listed in 'bases'")
        base = corpus.bases[d["base"]]
        if not isinstance(d.get("mutations"), list) or not d["mutations"]:
            raise CorpusError(f"{where}: needs a non-empty 'mutations' list")
        for m in d["mutations"]:
            if not isinstance(m, dict):
                raise CorpusError(f"{where}: each mutation must be an object")
            safe_relative(base.root, m.get("file"), where)  # type: ignore[arg-type]
            try:
                Mutation.from_dict(m)
            except TflmError as exc:
                raise CorpusError(f"{where}: {exc}") from None
        faulty = d.get("faulty")
        if not isinstance(faulty, list) or not all(
            isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) and type(x[1]) is int and x[1] > 0
            for x in faulty
        ):
            raise CorpusError(f"{where}: 'faulty' must be a list of [file, positive line] pairs")
        for f, _ in faulty:
            safe_relative(base.root, f, where)
    return doc


def write_json_atomic(path: Path, doc: Any) -> None:
    """Write JSON so that a reader never sees half a file, even if we are killed mid-write."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
