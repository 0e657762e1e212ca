"""The end-to-end job: collect a spectrum, score its lines, rank them."""

from __future__ import annotations

import os
from typing import Any

from tflm.collect import collect
from tflm.errors import CollectionError, NothingToLocalize
from tflm.features.sbfl import score
from tflm.rank import Ranking
from tflm.spectrum import Spectrum


def rank_spectrum(spectrum: Spectrum, formula: str = "ochiai") -> Ranking:
    """Rank the lines of a collected spectrum by an SBFL formula.

    Raises
    ------
    NothingToLocalize
        If no test failed.
    """
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
    info = {
        "program": spectrum.root,
        "tests": counts,
        "warnings": list(spectrum.meta.get("warnings", [])),
        "collection": {k: spectrum.meta.get(k) for k in ("backend", "python", "complete", "restarts")},
    }
    if counts["passing"] == 0:
        info["warnings"].append("every test fails: spectrum formulas cannot separate lines well")
    files = [spectrum.files[i] for i in spectrum.line_file]
    return Ranking.from_scores(files, spectrum.line_no, score(spectrum, formula), formula, info)


def localize(root: str | os.PathLike[str], *, formula: str = "ochiai", **collect_args: Any) -> Ranking:
    """Run the project's tests and rank its lines by suspiciousness.

    Parameters
    ----------
    root : path
        Project root.
    formula : str
        SBFL formula name (see :data:`tflm.features.sbfl.FORMULAS`).
    **collect_args
        Passed to :func:`tflm.collect.collect` (tests, include, omit, python, test_timeout, ...).
    """
    return rank_spectrum(collect(root, **collect_args), formula)
