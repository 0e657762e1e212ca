"""Saving and loading relational SPNs: one ``.npz`` file, a JSON header plus one float array, no pickle.

Since version 3 a third member, ``digest``, holds the SHA-256 of the other two (see :func:`content_digest`):
a file changed after it was written — a flipped bit that a rewritten zip CRC hides, an edited parameter — is
refused even where the change would pass every structural check. Files of versions 1 and 2 have no digest
and still load; a version-3 file without one does not. Before anything is unpacked, the archive must hold
exactly these members, each within a size cap (:mod:`tflm.archive`).

The header holds the schema, the mixture structure of each member (a fitted TFLM may be an ensemble of
RSPNs sharing one schema; version 1 files hold one) and a flat node list (children before parents; a node
refers to its children by their index, so the structure is acyclic by construction). Every parameter lives in
the ``params`` array at an offset the header gives. Loading validates everything a tampered file could get
wrong — types, ranges, offsets, scopes, normalisation — and reports the first problem as a
:class:`~tflm.errors.TflmError`. ``np.load`` runs with ``allow_pickle=False``: a model file cannot run
code.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np

from tflm.archive import Member, read_npz
from tflm.errors import TflmError
from tflm.rspn.leaves import LEAF_TYPES, Leaf
from tflm.rspn.nodes import Node, Product, Sum, topological, validate
from tflm.rspn.relational import RSPN, FunctionComponent, ProgramComponent
from tflm.rspn.schema import Schema, Var

FORMAT = "tflm-model"
VERSION = 3
#: Versions this reader understands: 1 held a single RSPN under ``components``; 3 added the digest.
READABLE = (1, 2, 3)
#: The first version whose files must carry a digest.
DIGEST_SINCE = 3
MAX_NODES = 1_000_000
#: Caps on the members' unpacked data. The shipped model takes 68 bytes of header and 12 parameters per
#: node; these leave room for models far beyond MAX_NODES's reach in practice while keeping a hostile file
#: from costing more than a few hundred MiB.
MAX_HEADER_BYTES = 64 * 2**20
MAX_PARAMS = 16 * 2**20
MEMBERS = {
    "header": Member("|u1", MAX_HEADER_BYTES),
    "params": Member("<f8", 8 * MAX_PARAMS),
    "digest": Member("|u1", 32, required=False),
}
#: The members the digest covers, in the order it hashes them.
DIGESTED = ("header", "params")


class _Writer:
    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = []
        self.params: list[np.ndarray] = []
        self.offset = 0
        self.ids: dict[int, int] = {}

    def _store(self, values: Any) -> list[int]:
        arr = np.atleast_1d(np.asarray(values, dtype=np.float64)).ravel()
        self.params.append(arr)
        start, self.offset = self.offset, self.offset + len(arr)
        return [start, len(arr)]

    def add(self, root: Node) -> int:
        for node in topological(root):
            if id(node) in self.ids:
                continue
            entry: dict[str, Any]
            if isinstance(node, Sum):
                entry = {"type": "sum", "children": [self.ids[id(c)] for c in node.children]}
                entry["weights"] = self._store(node.weights)
            elif isinstance(node, Product):
                entry = {"type": "product", "children": [self.ids[id(c)] for c in node.children]}
            else:
                entry = {"type": node.kind, "var": node.var}
                entry.update({k: self._store(v) for k, v in node.params().items()})
            self.ids[id(node)] = len(self.nodes)
            self.nodes.append(entry)
        return self.ids[id(root)]


def save_rspn(model: RSPN | Sequence[RSPN], path: str | Path, meta: dict[str, Any] | None = None) -> None:
    """Write ``model`` — one RSPN or the members of an ensemble, all with one schema — and JSON-able ``meta``
    to ``path``; written to a temporary name, then renamed."""
    members = [model] if isinstance(model, RSPN) else list(model)
    if not members or any(m.schema != members[0].schema for m in members):
        raise ValueError("save_rspn needs at least one RSPN, all with the same schema")
    w = _Writer()

    def ref(node: Node | None) -> int | None:
        return None if node is None else w.add(node)

    def components(rspn: RSPN) -> list[dict[str, Any]]:
        return [
            {
                "weight": pc.weight,
                "attributes": ref(pc.attributes),
                "functions": [
                    {"weight": fc.weight, "attributes": ref(fc.attributes), "lines": ref(fc.lines)}
                    for fc in pc.functions
                ],
            }
            for pc in rspn.components
        ]

    header = {
        "format": FORMAT,
        "version": VERSION,
        "schema": members[0].schema.to_dict(),
        "members": [components(m) for m in members],
        "nodes": w.nodes,
        "meta": meta or {},
    }
    write_model(path, header, np.concatenate(w.params) if w.params else np.zeros(0))


def content_digest(arrays: dict[str, np.ndarray]) -> np.ndarray:
    """SHA-256 of the members :data:`DIGESTED`, as the 32-byte array stored in the ``digest`` member.

    Each member is hashed with its name, dtype and length first, so no two different files share the input.
    """
    h = hashlib.sha256(b"tflm-model-digest\n")
    for name in DIGESTED:
        a = np.ascontiguousarray(arrays[name])
        h.update(f"{name} {a.dtype.str} {a.size}\n".encode())
        h.update(a.tobytes())
    return np.frombuffer(h.digest(), dtype=np.uint8)


def write_model(path: str | Path, header: dict[str, Any], params: np.ndarray) -> None:
    """Write a model file from its JSON ``header`` and ``params`` array, with their digest; to a temporary
    name, then renamed."""
    arrays: dict[str, np.ndarray] = {
        "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
        "params": np.ascontiguousarray(params, dtype=np.float64),
    }
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        # ignore: mypy cannot tell that the dict's keys leave out savez_compressed's allow_pickle flag
        np.savez_compressed(fh, **arrays, digest=content_digest(arrays))  # type: ignore[arg-type]
    tmp.replace(path)


def _need(cond: bool, what: str) -> None:
    if not cond:
        raise ValueError(what)


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


class _Reader:
    def __init__(self, nodes: Any, params: np.ndarray) -> None:
        _need(isinstance(nodes, list) and len(nodes) <= MAX_NODES, "nodes must be a list")
        self.params = params
        self.built: list[Node] = []
        for i, entry in enumerate(nodes):
            _need(isinstance(entry, dict), f"node {i} is not an object")
            self.built.append(self._node(i, entry))

    def _values(self, entry: dict[str, Any], key: str, length: int | None = None) -> np.ndarray:
        ref: Any = entry.get(key)  # unchecked JSON, until _need
        _need(
            isinstance(ref, list) and len(ref) == 2 and all(_is_int(x) for x in ref),
            f"parameter {key!r} must be [offset, length]",
        )
        start, n = ref
        _need(start >= 0 and n > 0 and start + n <= len(self.params), f"parameter {key!r} is out of range")
        _need(length is None or n == length, f"parameter {key!r} has the wrong length")
        values = self.params[start : start + n]
        _need(bool(np.all(np.isfinite(values))), f"parameter {key!r} is not finite")
        return values.copy()

    def _node(self, i: int, entry: dict[str, Any]) -> Node:
        kind = entry.get("type")
        if kind in ("sum", "product"):
            kids: Any = entry.get("children")
            _need(isinstance(kids, list) and len(kids) > 0, f"node {i}: children must be a non-empty list")
            _need(all(_is_int(c) and 0 <= c < i for c in kids), f"node {i}: children must be earlier nodes")
            children = [self.built[c] for c in kids]
            if kind == "product":
                return Product(children)
            weights = self._values(entry, "weights", len(children))
            _need(bool(np.all(weights > 0)) and abs(weights.sum() - 1) < 1e-6, f"node {i}: bad sum weights")
            return Sum(children, weights / weights.sum())
        _need(kind in LEAF_TYPES, f"node {i}: unknown node type {kind!r}")
        var: Any = entry.get("var")
        _need(_is_int(var) and 0 <= var < 10_000, f"node {i}: bad variable index")
        # the kind reads and checks its own parameters
        return LEAF_TYPES[str(kind)].from_params(var, lambda key, n: self._values(entry, key, n), f"node {i}")

    def root(self, ref: Any, vars_: tuple[Var, ...], what: str, optional: bool = False) -> Node | None:
        if ref is None and optional and not vars_:
            return None
        _need(_is_int(ref) and 0 <= ref < len(self.built), f"{what}: bad node reference")
        node: Node = self.built[ref]
        validate(node)
        _need(
            node.scope == frozenset(range(len(vars_))), f"{what}: scope does not cover its class's variables"
        )
        for leaf in (n for n in topological(node) if isinstance(n, Leaf)):
            var = vars_[leaf.var]
            _need(
                leaf.kind == var.kind, f"{what}: leaf for {var.name!r} is {leaf.kind}, schema says {var.kind}"
            )
            problem = leaf.mismatch(var)
            _need(problem is None, f"{what}: {problem}")
        return node


def _weight(x: Any, what: str) -> float:
    _need(isinstance(x, int | float) and not isinstance(x, bool), f"{what}: weight must be a number")
    _need(math.isfinite(x) and 0 < x <= 1, f"{what}: weight must be in (0, 1]")
    return float(x)


def _member(comps: Any, schema: Schema, reader: _Reader, where: str) -> RSPN:
    _need(isinstance(comps, list) and len(comps) > 0, f"{where}components must be a non-empty list")
    components = []
    for c, pc in enumerate(comps):
        name = f"{where}component {c}"
        _need(isinstance(pc, dict) and isinstance(pc.get("functions"), list), f"{name} is malformed")
        _need(len(pc["functions"]) > 0, f"{name} has no function components")
        out = ProgramComponent(
            _weight(pc.get("weight"), name),
            reader.root(pc.get("attributes"), schema.program, f"{name} attributes", optional=True),
        )
        for k, fc in enumerate(pc["functions"]):
            fname = f"{name}.{k}"
            _need(isinstance(fc, dict), f"{fname} is malformed")
            out.functions.append(
                FunctionComponent(
                    _weight(fc.get("weight"), fname),
                    reader.root(fc.get("attributes"), schema.function, f"{fname} attributes", optional=True),
                    reader.root(fc.get("lines"), schema.line, f"{fname} lines"),  # type: ignore[arg-type]
                )
            )
        _need(abs(sum(f.weight for f in out.functions) - 1) < 1e-6, f"{name}: weights must sum to 1")
        components.append(out)
    _need(abs(sum(pc.weight for pc in components) - 1) < 1e-6, f"{where}component weights must sum to 1")
    return RSPN(schema, components)


_VAR_TYPES: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "kind": (str,),
    "transform": (str,),
    "n_values": (int,),
    "lo": (int, float),
    "hi": (int, float),
    "bins": (int,),
}
_JSON_SCALARS = (str, int, float, bool, type(None))


def _var(d: Any, where: str) -> Var:
    """One schema variable, its fields type-checked first (``Var`` checks their values)."""
    _need(isinstance(d, dict) and "name" in d and "kind" in d, f"{where} needs a name and a kind")
    for key, value in d.items():
        types = _VAR_TYPES.get(key)
        _need(types is not None, f"{where}: unknown field {key!r}")
        ok = isinstance(value, types) and not isinstance(value, bool)  # type: ignore[arg-type]
        _need(ok and (not isinstance(value, float) or math.isfinite(value)), f"{where}: bad {key!r}")
    return Var(**d)


def _schema(d: Any) -> Schema:
    """The header's schema; raises ValueError on any wrong structure or type."""
    classes = ("line", "function", "program")
    _need(isinstance(d, dict) and set(d) == set(classes), "schema must hold line, function and program")
    groups = []
    for k in classes:
        _need(isinstance(d[k], list) and len(d[k]) <= 10_000, f"schema {k} must be a list")
        groups.append(tuple(_var(v, f"schema {k} variable {i}") for i, v in enumerate(d[k])))
    return Schema(*groups)


def _meta(meta: Any) -> dict[str, Any]:
    """``meta`` as :meth:`tflm.model.TFLM.load` reads it: objects, and estimator parameters as scalars."""
    _need(isinstance(meta, dict), "meta must be an object")
    params, info = meta.get("params", {}), meta.get("fit_info", {})
    _need(isinstance(params, dict), "meta.params must be an object")
    _need(all(isinstance(v, _JSON_SCALARS) for v in params.values()), "meta.params values must be scalars")
    _need(isinstance(info, dict), "meta.fit_info must be an object")
    return cast(dict[str, Any], meta)  # checked just above


def _read(path: str | Path) -> tuple[list[RSPN], dict[str, Any]]:
    """The members and meta of a model file; raises on the first problem (wrapped by load_rspns)."""
    arrays = read_npz(path, MEMBERS)
    if "digest" in arrays:  # before parsing anything: a changed file is refused whatever it now holds
        _need(
            np.array_equal(arrays["digest"], content_digest(arrays)),
            "its content digest does not match: the file was changed after it was written",
        )
    raw, params = arrays["header"], arrays["params"]
    header = json.loads(raw.tobytes().decode("utf-8"))
    _need(isinstance(header, dict) and header.get("format") == FORMAT, "not a tflm model file")
    version = header.get("version")
    if not _is_int(version) or version not in READABLE:
        raise TflmError(
            f"{path}: model format version {version!r}; this tflm reads versions "
            f"{', '.join(map(str, READABLE))}. Retrain it with `tflm fit` or use the tflm version that "
            "wrote it."
        )
    schema = _schema(header.get("schema"))
    reader = _Reader(header.get("nodes"), params)
    if version == 1:
        members = [_member(header.get("components"), schema, reader, "")]
    else:
        listed = header.get("members")
        _need(isinstance(listed, list) and 0 < len(listed) <= 1000, "members must be a non-empty list")
        members = [_member(m, schema, reader, f"member {i}: ") for i, m in enumerate(listed)]
    meta = _meta(header.get("meta", {}))
    # Checked last, so that a file edited by hand (tests do) reports its most specific problem first.
    _need("digest" in arrays or version < DIGEST_SINCE, f"a version-{version} model file needs its digest")
    return members, meta


def load_rspns(path: str | Path) -> tuple[list[RSPN], dict[str, Any]]:
    """Read the member RSPNs written by :func:`save_rspn`; any damage or tampering gives a
    :class:`TflmError`."""
    try:
        return _read(path)
    except TflmError:
        raise
    except FileNotFoundError:
        raise TflmError(f"{path}: no such model file") from None
    except Exception as exc:  # bad zip, bad JSON, wrong types, failed checks: all the same to the user
        raise TflmError(f"{path}: not a valid tflm model file ({type(exc).__name__}: {exc})") from None


def load_rspn(path: str | Path) -> tuple[RSPN, dict[str, Any]]:
    """Read a file holding one RSPN (see :func:`load_rspns` for ensembles)."""
    members, meta = load_rspns(path)
    if len(members) != 1:
        raise TflmError(f"{path}: holds an ensemble of {len(members)} RSPNs; read it with load_rspns")
    return members[0], meta
