"""Line features: spectrum counts and SBFL scores, dynamic, static and relational features (one row per
executable line; see :func:`line_table`)."""

from tflm.features.sbfl import FORMULAS, sbfl_scores, score
from tflm.features.table import line_table

__all__ = ["FORMULAS", "line_table", "sbfl_scores", "score"]
