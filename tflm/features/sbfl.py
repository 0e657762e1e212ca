"""Spectrum-based fault localization formulas, vectorised over lines.

Every formula takes the per-line counts ``ef, ep, nf, np`` (failing/passing tests that do/do not execute the
line) and the totals ``tf, tp``. Each 0/0 and x/0 case is defined explicitly in the formula's docstring;
no formula ever returns NaN or infinity, so scores can always be sorted and written to JSON.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from tflm.errors import InvalidParameterError
from tflm.spectrum import Spectrum

Formula = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int, int], np.ndarray]


def _div(num: npt.ArrayLike, den: npt.ArrayLike, zero: float | np.ndarray = 0.0) -> np.ndarray:
    """``num / den`` where ``den != 0``, else ``zero``."""
    num, den = np.broadcast_arrays(np.asarray(num, dtype=float), np.asarray(den, dtype=float))
    out = np.broadcast_to(np.asarray(zero, dtype=float), num.shape).copy()
    np.divide(num, den, out=out, where=den != 0)
    return out


def tarantula(
    ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int
) -> np.ndarray:
    """(ef/tf) / (ef/tf + ep/tp).

    A ratio with an empty total (tf = 0 or tp = 0) counts as 0, and the score is 0 when both ratios are 0
    (the line ran in no test).
    """
    fr, pr = _div(ef, tf), _div(ep, tp)
    return _div(fr, fr + pr)


def tarantula_hue(
    ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int
) -> np.ndarray:
    """1 − Tarantula: 0 is red (suspicious), 1 is green. Lines run by no test get 1."""
    return 1.0 - tarantula(ef, ep, nf, np_, tf, tp)


def ochiai(ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int) -> np.ndarray:
    """ef / sqrt(tf · (ef + ep)); 0 when tf = 0 or the line ran in no test (then ef = 0 too)."""
    return _div(ef, np.sqrt(np.asarray(tf, dtype=float) * (ef + ep)))


def dstar(
    ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int, star: int = 2
) -> np.ndarray:
    """ef^* / (ep + nf), with * = 2.

    When ep + nf = 0 (every failing test and no passing test runs the line) the quotient is unbounded; it
    is defined as 2·ef^*, which exceeds every finite value (those are at most tf^*), and is 0 when ef = 0.
    """
    num = np.asarray(ef, dtype=float) ** star
    return _div(num, ep + nf, zero=2.0 * num)


def op2(ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int) -> np.ndarray:
    """ef − ep / (tp + 1); always defined."""
    return np.asarray(ef, dtype=float) - np.asarray(ep, dtype=float) / (tp + 1.0)


def jaccard(ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int) -> np.ndarray:
    """ef / (tf + ep); 0 when tf = ep = 0."""
    return _div(ef, np.asarray(tf) + ep)


def gp13(ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int) -> np.ndarray:
    """ef · (1 + 1 / (2·ep + ef)); 0 when ep = ef = 0 (the line ran in no test)."""
    ef = np.asarray(ef, dtype=float)
    return ef * (1.0 + _div(1.0, 2.0 * ep + ef)) * (ef > 0)


def barinel(ef: np.ndarray, ep: np.ndarray, nf: np.ndarray, np_: np.ndarray, tf: int, tp: int) -> np.ndarray:
    """1 − ep / (ep + ef); 0 when the line ran in no test (ep = ef = 0)."""
    ran = (np.asarray(ef) + ep) > 0
    return np.where(ran, 1.0 - _div(ep, np.asarray(ep) + ef), 0.0)


#: Registered formulas; higher score means more suspicious, except ``tarantula_hue``.
FORMULAS: dict[str, Formula] = {
    "tarantula": tarantula,
    "tarantula_hue": tarantula_hue,
    "ochiai": ochiai,
    "dstar": dstar,
    "op2": op2,
    "jaccard": jaccard,
    "gp13": gp13,
    "barinel": barinel,
}
#: Formulas usable for ranking (higher = more suspicious).
RANKING_FORMULAS = tuple(f for f in FORMULAS if f != "tarantula_hue")


def _apply(f: Formula, c: dict[str, np.ndarray]) -> np.ndarray:
    return np.asarray(f(c["ef"], c["ep"], c["nf"], c["np"], int(c["tf"]), int(c["tp"])), dtype=float)


def sbfl_scores(spectrum: Spectrum, counts: dict[str, np.ndarray] | None = None) -> dict[str, np.ndarray]:
    """Every formula's score for every line of ``spectrum`` (``counts``: its :meth:`Spectrum.counts`, when
    the caller has them already)."""
    c = spectrum.counts() if counts is None else counts
    return {name: _apply(f, c) for name, f in FORMULAS.items()}


def score(spectrum: Spectrum, formula: str = "ochiai") -> np.ndarray:
    """One formula's score for every line of ``spectrum``."""
    try:
        f = FORMULAS[formula.lower()]
    except KeyError:
        raise InvalidParameterError(
            f"unknown formula {formula!r}; choose from {', '.join(RANKING_FORMULAS)}"
        ) from None
    return _apply(f, spectrum.counts())
