"""Evaluating rankings against ground truth (docs/model.md#metrics)."""

from tflm.eval.ground_truth import GroundTruth
from tflm.eval.metrics import BugScore, evaluate, evaluate_ranking, summarize

__all__ = ["BugScore", "GroundTruth", "evaluate", "evaluate_ranking", "summarize"]
