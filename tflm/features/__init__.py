"""Line features computed from a spectrum (and, later, from the source)."""

from tflm.features.sbfl import FORMULAS, sbfl_scores, score

__all__ = ["FORMULAS", "sbfl_scores", "score"]
