"""Presenting rankings: terminal tables and machine-readable JSON."""

from tflm.report.json_report import SCHEMA, ranking_to_dict
from tflm.report.terminal import print_ranking

__all__ = ["SCHEMA", "print_ranking", "ranking_to_dict"]
