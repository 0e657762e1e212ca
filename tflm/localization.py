"""The end-to-end job: collect a spectrum, score its lines (with the TFLM or an SBFL formula), rank them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tflm.collection import collect
from tflm.errors import CollectionError, DataError, InvalidParameterError, NothingToLocalize
from tflm.features.sbfl import score
from tflm.features.table import line_table
from tflm.model import TFLM
from tflm.rank import Ranking
from tflm.rspn.inference import compiled_spns, joint_lines
from tflm.spectrum import Spectrum


def rank_spectrum(
    spectrum: Spectrum,
    formula: str | None = None,
    *,
    model: TFLM | str | os.PathLike[str] | None = None,
    clean: Iterable[tuple[str, int]] = (),
    buggy: Iterable[tuple[str, int]] = (),
    bugs: int | None = None,
    in_function: str | None = None,
    table: pd.DataFrame | None = None,
) -> Ranking:
    """Rank the lines of a collected spectrum.

    Parameters
    ----------
    spectrum : Spectrum
        A collected spectrum with at least one failing test.
    formula : str, optional
        Rank by this SBFL formula instead of the model. Feedback then just removes the ``clean`` lines.
    model : TFLM or path, optional
        The model to rank with (default: the model shipped with tflm).
    clean, buggy : iterable of (file, line)
        Developer feedback: lines known to be clean / faulty. The model re-ranks every other line.
    bugs : int, optional
        Condition on exactly this many faulty lines (model only).
    in_function : str, optional
        Condition on "the bug is in this function" (model only).
    table : DataFrame, optional
        ``line_table(spectrum)`` when the caller has it already (the HTML report needs it too).

    Raises
    ------
    NothingToLocalize
        If no test failed.
    """
    info = _check_and_describe(spectrum)
    clean, buggy = list(clean), list(buggy)
    if formula is not None:
        if bugs is not None or buggy or in_function:
            raise InvalidParameterError("bugs, buggy and in_function need the model, not an SBFL formula")
        files = np.array([spectrum.files[i] for i in spectrum.line_file], dtype=object)
        keep = np.ones(spectrum.n_lines, dtype=bool)
        for file, line in clean:
            i = spectrum.line_index(str(file), int(line))
            if i < 0:
                raise DataError(f"{file}:{line} is not an executable line of this program")
            keep[i] = False
        scores = score(spectrum, formula)
        return Ranking.from_scores(files[keep], spectrum.line_no[keep], scores[keep], formula, info)
    est = load_model(model)
    table = line_table(spectrum) if table is None else table
    if buggy:
        info["feedback_buggy"] = [f"{f}:{n}" for f, n in buggy]
    return est.rank(table, clean=clean, buggy=buggy, bugs=bugs, in_function=in_function, info=info)


def load_model(model: TFLM | str | os.PathLike[str] | None = None) -> TFLM:
    """``model`` itself, or the model file it names (default: the shipped model), loaded and compiled for
    ranking. Loads are cached while the file is unchanged (see :meth:`TFLM.load`)."""
    est = model if isinstance(model, TFLM) else TFLM.load(None if model is None else Path(model))
    members = est._check_fitted()
    for member in members:
        compiled_spns(member)
    # what ranking evaluates (60 ms to build for the shipped model; hidden behind the run when threaded)
    (joint_lines(members) if len(members) > 1 else compiled_spns(members[0])[0]).plan()
    return est


def _check_and_describe(spectrum: Spectrum) -> dict[str, Any]:
    counts = spectrum.outcome_counts()
    errors = spectrum.meta.get("collect_errors") or []
    if counts["failing"] == 0 and errors:
        # A module that cannot even be imported is the problem to fix first; no ranking would help.
        where = ", ".join(e["where"] or "the session" for e in errors)
        raise CollectionError(f"pytest could not collect {where}: {errors[0]['error']}")
    if counts["failing"] == 0:
        raise NothingToLocalize(
            f"no failing test among {counts['total']} tests ({counts['passed']} passed, "
            f"{counts['skipped']} skipped): there is no bug to localize"
        )
    info: dict[str, Any] = {
        "program": spectrum.root,
        "tests": counts,
        "warnings": list(spectrum.meta.get("warnings", [])),
        "collection": {k: spectrum.meta.get(k) for k in ("backend", "python", "complete", "restarts")},
    }
    if counts["passing"] == 0:
        info["warnings"].append("every test fails: spectrum formulas cannot separate lines well")
    return info


def localize(
    root: str | os.PathLike[str],
    *,
    formula: str | None = None,
    model: TFLM | str | os.PathLike[str] | None = None,
    clean: Iterable[tuple[str, int]] = (),
    buggy: Iterable[tuple[str, int]] = (),
    bugs: int | None = None,
    in_function: str | None = None,
    **collect_args: Any,
) -> Ranking:
    """Run the project's tests and rank its lines by the probability that they hold the bug.

    Parameters
    ----------
    root : path
        Project root.
    formula, model, clean, buggy, bugs, in_function
        As for :func:`rank_spectrum` (default: the shipped TFLM, no feedback).
    **collect_args
        Passed to :func:`tflm.collect` (tests, include, omit, python, test_timeout, ...).
    """
    # The model loads while the tests run: this process only waits for them, and ranking then starts at once.
    with ThreadPoolExecutor(1, thread_name_prefix="tflm-model") as pool:
        loading = pool.submit(load_model, model) if formula is None else None
        spectrum = collect(root, **collect_args)
    if loading is not None:
        model = loading.result()
    return rank_spectrum(
        spectrum, formula, model=model, clean=clean, buggy=buggy, bugs=bugs, in_function=in_function
    )
