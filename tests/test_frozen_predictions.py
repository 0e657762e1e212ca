"""The shipped model's predictions equal, bit for bit, those in ``tests/fixtures/frozen_predictions.npz``.

What is frozen: for each bug of a sample of the native corpus (12 single-fault bugs, one per base, and two
multi-fault ones) and of every QuixBugs program whose tests all finish, the per-line output of
``tflm/models/default.npz`` (loaded by :meth:`TFLM.load`) for three queries: the default P(bug), exactly one
bug (``bugs=1``), and feedback (the default query's top line marked clean). The file also holds the (file,
line) of every value and the commit it was written at; ``tests/frozen_predictions.py`` writes it.

Why this is a fair regression check of the model code: the spectra are collected afresh, but nothing the
model reads depends on the run. Test durations are no feature; QuixBugs programs with a test that hits the
timeout (whose coverage depends on how far it got) are left out. Two collections gave equal inputs and
equal predictions, and :func:`test_inputs_unchanged` checks a digest of exactly what the model reads
(its class matrices), so a difference in collection or features fails there, apart from a change in the
model code, which fails :func:`test_predictions_bit_identical` alone. The comparison is ``np.array_equal``:
a refactoring that reorders a floating-point sum shows.
"""

from __future__ import annotations

from typing import Any

import frozen_predictions as fp
import numpy as np
import pytest

from tflm.model import TFLM

CORPORA = ("native", "quixbugs")


@pytest.fixture(scope="module")
def stored() -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    return fp.read()


@pytest.fixture(scope="module")
def model() -> TFLM:
    return TFLM.load()


@pytest.fixture(scope="module", params=CORPORA)
def collected(request, stored) -> dict[str, Any]:
    """The stored bugs of one corpus with their line tables, collected once per test module."""
    header, _ = stored
    ids = [i for i, b in header["bugs"].items() if b["corpus"] == request.param]
    if request.param == "quixbugs":
        if not fp.QUIXBUGS.is_dir():
            pytest.skip(f"no QuixBugs checkout at {fp.QUIXBUGS}")
        wanted = set(ids)
        bugs = [sb for sb in fp.quixbugs_bugs() if sb[1].id in wanted]
    else:
        bugs = fp.native_bugs(ids)
    assert sorted(b.id for _, b in bugs) == sorted(ids), "a stored bug is missing from its corpus"
    return {i: table for i, (table, _) in fp.tables(bugs).items()}


def test_stored_file_is_small_and_complete(stored):
    header, arrays = stored
    assert fp.DATA.stat().st_size < 300_000
    assert header["queries"] == list(fp.QUERIES)
    assert {b["corpus"] for b in header["bugs"].values()} == set(CORPORA)
    for bug_id in header["bugs"]:
        for name in ("file", "line", *fp.QUERIES):
            assert arrays[f"{bug_id}/{name}"].shape == arrays[f"{bug_id}/line"].shape


def test_inputs_unchanged(collected, stored, model):
    header, arrays = stored
    for bug_id, table in collected.items():
        entry = header["bugs"][bug_id]
        files = [entry["files"][i] for i in arrays[f"{bug_id}/file"]]
        assert [str(f) for f in table["file"]] == files, bug_id
        assert np.array_equal(table["line"].to_numpy(), arrays[f"{bug_id}/line"]), bug_id
        assert fp.input_digest(model, table) == entry["input"], f"{bug_id}: collection or features changed"


def test_predictions_bit_identical(collected, stored, model):
    _, arrays = stored
    changed = []
    for bug_id, table in collected.items():
        for name, values in fp.predictions(model, table).items():
            frozen = arrays[f"{bug_id}/{name}"]
            if not np.array_equal(values, frozen):
                gap = float(np.max(np.abs(values - frozen))) if values.shape == frozen.shape else np.inf
                changed.append(f"{bug_id} {name}: max |Δ| {gap:.3g}")
    assert not changed, "predictions changed:\n" + "\n".join(changed)
