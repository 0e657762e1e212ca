"""tflm: Tractable Fault Localization Models for Python.

The pipeline flows one way: :mod:`tflm.collect` (run tests → :class:`Spectrum`) → :mod:`tflm.features`
(the line table) → :mod:`tflm.model` (:class:`TFLM`, on the :mod:`tflm.rspn` engine) → :mod:`tflm.rank`
(:class:`Ranking`) → :mod:`tflm.report`; :mod:`tflm.eval` scores rankings against ground truth.

The public names are imported lazily (PEP 562): ``import tflm`` loads only the standard library, because
the pytest plugin lives in this package and is imported by every pytest run in an environment where tflm
is installed. ``from tflm import TFLM`` imports what that name needs, on first use.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for type checkers and IDEs only; at run time these resolve through __getattr__
    from tflm.collect import collect
    from tflm.errors import CollectionError, InterpreterError, NothingToLocalize, SourceError, TflmError
    from tflm.eval import GroundTruth, evaluate, evaluate_ranking, summarize
    from tflm.features import line_table
    from tflm.localize import localize, rank_spectrum
    from tflm.model import TFLM
    from tflm.rank import Ranking
    from tflm.spectrum import Spectrum

# public name -> module that defines it
_EXPORTS = {
    "collect": "tflm.collect",
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
    "localize": "tflm.localize",
    "rank_spectrum": "tflm.localize",
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


class _Package(types.ModuleType):
    """``tflm.collect`` is the function, as it always was, even once the subpackage of the same name is
    imported: the import system would otherwise rebind the attribute to the subpackage (which stays
    reachable as ``sys.modules["tflm.collect"]`` and through ``from tflm.collect import ...``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "collect" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
