"""Builders shared by the tests."""

import numpy as np
import scipy.sparse as sp

from tflm.spectrum import Spectrum


def make_spectrum(matrix, outcomes, files=("m.py",), line_file=None, line_no=None) -> Spectrum:
    """A spectrum from a dense tests × lines 0/1 matrix."""
    m = np.asarray(matrix, dtype=bool)
    n_tests, n_lines = m.shape
    return Spectrum(
        root="/nowhere",
        files=list(files),
        line_file=np.zeros(n_lines, dtype=np.int64) if line_file is None else np.asarray(line_file),
        line_no=np.arange(1, n_lines + 1) if line_no is None else np.asarray(line_no),
        tests=[f"test_{i}" for i in range(n_tests)],
        outcomes=np.asarray(outcomes, dtype=str),
        durations=np.zeros(n_tests),
        coverage=sp.csr_matrix(m),
    )
