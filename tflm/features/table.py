"""The line table: one row per executable line of a program, with its features and relational ids.

This first version holds the spectrum counts and every SBFL score; static, dynamic and relational features
join it as the model needs them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tflm.features.sbfl import sbfl_scores
from tflm.spectrum import Spectrum


def line_table(spectrum: Spectrum) -> pd.DataFrame:
    """Per-line features of a spectrum.

    Columns: ``file``, ``line``, ``file_id``, the counts ``ef, ep, nf, np``, the totals ``tf, tp`` (constant
    per program) and one column per SBFL formula.
    """
    counts = spectrum.counts()
    table = pd.DataFrame(
        {
            "file": pd.Categorical(np.asarray(spectrum.files, dtype=object)[spectrum.line_file]),
            "line": spectrum.line_no.astype(np.int32),
            "file_id": spectrum.line_file.astype(np.int32),
            "ef": counts["ef"].astype(np.int32),
            "ep": counts["ep"].astype(np.int32),
            "nf": counts["nf"].astype(np.int32),
            "np": counts["np"].astype(np.int32),
            "tf": np.full(spectrum.n_lines, int(counts["tf"]), dtype=np.int32),
            "tp": np.full(spectrum.n_lines, int(counts["tp"]), dtype=np.int32),
        }
    )
    for name, values in sbfl_scores(spectrum).items():
        table[name] = values
    return table
