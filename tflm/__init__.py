"""tflm: Tractable Fault Localization Models for Python.

The pipeline flows one way: :mod:`tflm.collect` (run tests → :class:`Spectrum`) → :mod:`tflm.features`
(the line table) → :mod:`tflm.model` (:class:`TFLM`, on the :mod:`tflm.rspn` engine) → :mod:`tflm.rank`
(:class:`Ranking`) → :mod:`tflm.report`; :mod:`tflm.eval` scores rankings against ground truth.
"""

from importlib.metadata import PackageNotFoundError, version

from tflm.collect import collect
from tflm.errors import CollectionError, InterpreterError, NothingToLocalize, SourceError, TflmError
from tflm.eval import GroundTruth, evaluate, evaluate_ranking, summarize
from tflm.features import line_table
from tflm.localize import localize, rank_spectrum
from tflm.model import TFLM
from tflm.rank import Ranking
from tflm.spectrum import Spectrum

try:
    __version__ = version("tflm")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+unknown"

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
