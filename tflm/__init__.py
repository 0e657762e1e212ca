"""tflm: Tractable Fault Localization Models for Python.

The pipeline flows one way: :func:`tflm.collect` (in :mod:`tflm.collection`: run tests → :class:`Spectrum`)
→ :mod:`tflm.features` (the line table) → :mod:`tflm.model` (:class:`TFLM`, on the :mod:`tflm.rspn` engine)
→ :mod:`tflm.rank` (:class:`Ranking`) → :mod:`tflm.report`; :mod:`tflm.eval` scores rankings against ground
truth.

The public names are imported lazily (PEP 562): ``import tflm`` loads only the standard library, because
the pytest plugin lives in this package and is imported by every pytest run in an environment where tflm
is installed. ``from tflm import TFLM`` imports what that name needs, on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers and IDEs only; at run time these resolve through __getattr__
    from tflm.collection import collect
    from tflm.errors import CollectionError, InterpreterError, NothingToLocalize, SourceError, TflmError
    from tflm.eval import GroundTruth, evaluate, evaluate_ranking, summarize
    from tflm.features import line_table
    from tflm.localization import localize, rank_spectrum
    from tflm.model import TFLM
    from tflm.rank import Ranking
    from tflm.spectrum import Spectrum

# public name -> module that defines it
_EXPORTS = {
    "collect": "tflm.collection",
    "CollectionError": "tflm.errors",
    "InterpreterError": "tflm.errors",
    "NothingToLocalize": "tflm.errors",
    "SourceError": "tflm.errors",
    "TflmError": "tflm.errors",
    "GroundTruth": "tflm.eval",
    "evaluate": "tflm.eval",
    "evaluate_ranking": "tflm.eval",
    "summarize": "tflm.eval",
    "line_table": "tflm.features",
    "localize": "tflm.localization",
    "rank_spectrum": "tflm.localization",
    "TFLM": "tflm.model",
    "Ranking": "tflm.rank",
    "Spectrum": "tflm.spectrum",
}

__all__ = [
    "CollectionError",
    "GroundTruth",
    "InterpreterError",
    "NothingToLocalize",
    "Ranking",
    "SourceError",
    "Spectrum",
    "TFLM",
    "TflmError",
    "__version__",
    "collect",
    "evaluate",
    "evaluate_ranking",
    "line_table",
    "localize",
    "rank_spectrum",
    "summarize",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tflm")
    except PackageNotFoundError:  # running from a source tree
        return "0.0.0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        value: Any = _version()
    elif name in _EXPORTS:
        value = getattr(importlib.import_module(_EXPORTS[name]), name)
    else:
        raise AttributeError(f"module 'tflm' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
