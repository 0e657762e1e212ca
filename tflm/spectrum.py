"""The :class:`Spectrum`: what one run of a test suite tells about its program's lines.

It is the collector's output and every later stage's input. It saves to a single ``.npz`` file holding only
arrays and one JSON header, and it loads with ``allow_pickle=False``: a spectrum file cannot run code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast, overload

import numpy as np

from tflm.archive import Member, read_npz
from tflm.errors import TflmError

# scipy is imported when a csr_matrix is first needed: collecting and saving a spectrum never needs one,
# and importing it takes about a tenth of a second of CPU that `tflm collect` would spend while the tests run.
if TYPE_CHECKING:
    import pandas as pd
    import scipy.sparse as sp

FORMAT_VERSION = 2
#: Older versions :meth:`Spectrum.load` still reads (version 1 had no source texts).
READABLE_VERSIONS = (1, 2)

#: Test outcomes, as recorded by the collector.
OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed", "timeout", "crashed")
#: Outcomes that count as a failing test for spectrum-based fault localization.
FAILING = frozenset({"failed", "error", "timeout", "crashed"})
#: Outcomes that count as a passing test; skipped and xfailed tests count as neither.
PASSING = frozenset({"passed", "xpassed"})

#: Caps on a spectrum file's members, far above any real suite (a million tests, 16 million executable
#: lines, a quarter of a billion covered (test, line) pairs) yet bounding what a hostile file can cost.
MAX_TESTS = 2**20
MAX_LINES = 2**24
MAX_COVERED = 2**28
_MEMBERS = {
    "header": Member("|u1", 128 * 2**20),
    "sources": Member("|u1", 256 * 2**20, required=False),  # version 1 had no source texts
    "line_file": Member("<i4", 4 * MAX_LINES),
    "line_no": Member("<i4", 4 * MAX_LINES),
    "outcomes": Member("|i1", MAX_TESTS),
    "durations": Member("<f8", 8 * MAX_TESTS),
    "indptr": Member("<i8", 8 * (MAX_TESTS + 1)),
    "indices": Member("<i4", 4 * MAX_COVERED),
}


def _check_lengths(n: dict[str, int]) -> None:
    """The members' lengths agree: one outcome, duration and row pointer per test, a file per line, and no
    more covered pairs than tests × lines."""
    tests, lines = n["outcomes"], n["line_no"]
    if n["durations"] != tests or n["indptr"] != tests + 1 or n["line_file"] != lines:
        raise ValueError("its arrays have inconsistent lengths")
    if n["indices"] > tests * lines:
        raise ValueError("it records more covered lines than tests × lines")


@dataclass(frozen=True)
class Failure:
    """Why a failing test failed.

    Attributes
    ----------
    exc_type : str
        Qualified exception type name, e.g. ``"AssertionError"``; ``"Timeout"`` or ``"Crash"`` for tests the
        collector had to stop.
    frames : tuple of (str, int)
        Traceback frames ``(file, line)``, outermost first, restricted to files under the project root and
        given relative to it. The raising frame is the last one.
    message : str
        The first line of the exception message (truncated).
    """

    exc_type: str
    frames: tuple[tuple[str, int], ...] = ()
    message: str = ""


@dataclass(frozen=True)
class CoverageRows:
    """A boolean tests × lines matrix as compressed sparse rows, held without scipy.

    The layout is scipy's CSR: row ``t`` covers the columns ``indices[indptr[t]:indptr[t + 1]]``, sorted
    and without repeats. The collector builds coverage in this form; reading :attr:`Spectrum.coverage`
    turns it into a ``scipy.sparse.csr_matrix``, once.
    """

    indptr: np.ndarray
    indices: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_pairs(cls, rows: np.ndarray, cols: np.ndarray, shape: tuple[int, int]) -> CoverageRows:
        """The matrix that is true at each ``(rows[i], cols[i])``; repeated pairs count once."""
        n_rows, n_cols = shape
        # sort and drop repeats by hand: np.unique's first call imports numpy.ma (8 ms after the run)
        keys = np.sort(np.asarray(rows, dtype=np.int64) * n_cols + np.asarray(cols, dtype=np.int64))
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])] if len(keys) else keys
        counts = np.bincount(keys // max(n_cols, 1), minlength=n_rows) if n_cols else np.zeros(n_rows, int)
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(indptr, (keys % max(n_cols, 1)).astype(np.int32), (n_rows, n_cols))

    def to_csr(self) -> sp.csr_matrix:
        import scipy.sparse as sp

        data = np.ones(len(self.indices), dtype=bool)
        return sp.csr_matrix((data, self.indices, self.indptr), shape=self.shape)


class _CoverageField:
    """:attr:`Spectrum.coverage`: keeps what it is given (a csr_matrix or :class:`CoverageRows`) and always
    reads as a csr_matrix, built on the first read."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_{name}"

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _CoverageField: ...
    @overload
    def __get__(self, obj: Spectrum, owner: type | None = None) -> sp.csr_matrix: ...
    def __get__(self, obj: Spectrum | None, owner: type | None = None) -> sp.csr_matrix | _CoverageField:
        if obj is None:
            # dataclasses asks the class for a default: there is none
            raise AttributeError("coverage")
        value = self.stored(obj)
        if isinstance(value, CoverageRows):
            value = obj.__dict__[self._slot] = value.to_csr()
        return value

    def __set__(self, obj: Spectrum, value: sp.csr_matrix | CoverageRows) -> None:
        obj.__dict__[self._slot] = value

    def stored(self, obj: Spectrum) -> sp.csr_matrix | CoverageRows:
        """The value as given, without building a csr_matrix."""
        value: sp.csr_matrix | CoverageRows = obj.__dict__[self._slot]
        return value


_COVERAGE = _CoverageField()


@dataclass
class Spectrum:
    """Per-test line coverage plus test outcomes for one program version.

    Attributes
    ----------
    root : str
        The project root the collection ran on.
    files : list of str
        Source files, relative to ``root`` (POSIX separators).
    line_file : ndarray of int, shape (n_lines,)
        Index into ``files`` of each line.
    line_no : ndarray of int, shape (n_lines,)
        Line number of each line (the first line of its statement). Lines are sorted by (file, line).
    tests : list of str
        pytest node ids, in execution order.
    outcomes : ndarray of str, shape (n_tests,)
        One of :data:`OUTCOMES` per test.
    durations : ndarray of float, shape (n_tests,)
        Seconds per test (setup + call + teardown).
    coverage : scipy.sparse.csr_matrix of bool, shape (n_tests, n_lines)
        ``coverage[t, l]`` is true when test ``t`` executed line ``l``. It may be given as
        :class:`CoverageRows`, which becomes a csr_matrix when first read.
    failures : dict of str to Failure
        Failure details, keyed by node id, for failing tests.
    meta : dict
        Collection facts: backend, python version, warnings, whether the run was complete.
    sources : dict of str to str
        The text of every file in ``files``, as collected: static features need it, and the spectrum stays
        usable after the tree it came from is gone.
    """

    root: str
    files: list[str]
    line_file: np.ndarray
    line_no: np.ndarray
    tests: list[str]
    outcomes: np.ndarray
    durations: np.ndarray
    coverage: _CoverageField = _COVERAGE
    failures: dict[str, Failure] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n_lines, n_tests = len(self.line_no), len(self.tests)
        shape = tuple(_COVERAGE.stored(self).shape)
        if len(self.line_file) != n_lines or shape != (n_tests, n_lines):
            raise ValueError(f"inconsistent spectrum: {n_tests} tests, {n_lines} lines, coverage {shape}")
        if len(self.outcomes) != n_tests or len(self.durations) != n_tests:
            raise ValueError("inconsistent spectrum: outcomes/durations do not match tests")
        unknown = set(np.asarray(self.outcomes).tolist()) - set(OUTCOMES)
        if unknown:
            raise ValueError(f"unknown test outcomes: {sorted(unknown)}")

    # ---- shape ---------------------------------------------------------------------------------------
    @property
    def n_tests(self) -> int:
        return len(self.tests)

    @property
    def n_lines(self) -> int:
        return len(self.line_no)

    @property
    def line_ids(self) -> list[tuple[str, int]]:
        """``(file, line)`` for every column of :attr:`coverage`."""
        return [(self.files[f], int(n)) for f, n in zip(self.line_file, self.line_no, strict=True)]

    def line_index(self, file: str, line: int) -> int:
        """Column of ``(file, line)``, or -1 when it is not an executable line of the spectrum."""
        try:
            f = self.files.index(file)
        except ValueError:
            return -1
        lo, hi = np.searchsorted(self.line_file, [f, f + 1])
        i = lo + int(np.searchsorted(self.line_no[lo:hi], line))
        return i if i < hi and self.line_no[i] == line else -1

    # ---- outcomes ------------------------------------------------------------------------------------
    @property
    def failed(self) -> np.ndarray:
        """Boolean mask of failing tests (failed, error, timeout, crashed)."""
        return np.isin(self.outcomes, list(FAILING))

    @property
    def passed(self) -> np.ndarray:
        """Boolean mask of passing tests (passed, xpassed)."""
        return np.isin(self.outcomes, list(PASSING))

    def outcome_counts(self) -> dict[str, int]:
        """Number of tests per outcome, plus ``total``, ``failing`` and ``passing``."""
        counts = {o: int(np.sum(self.outcomes == o)) for o in OUTCOMES}
        counts.update(total=self.n_tests, failing=int(self.failed.sum()), passing=int(self.passed.sum()))
        return counts

    def counts(self) -> dict[str, np.ndarray]:
        """The spectrum counts per line: ef, ep, nf, np (and the totals tf, tp as scalars in arrays).

        Computed with two sparse matrix-vector products, never a loop over tests.
        """
        cov = self.coverage.astype(np.int64)
        failed = self.failed.astype(np.int64)
        passed = self.passed.astype(np.int64)
        ef = np.asarray(cov.T @ failed).ravel()
        ep = np.asarray(cov.T @ passed).ravel()
        tf, tp = int(failed.sum()), int(passed.sum())
        # the totals are numpy scalars, which stand in for 0-d arrays
        tf_, tp_ = cast(np.ndarray, np.int64(tf)), cast(np.ndarray, np.int64(tp))
        return {"ef": ef, "ep": ep, "nf": tf - ef, "np": tp - ep, "tf": tf_, "tp": tp_}

    # ---- tables --------------------------------------------------------------------------------------
    def tests_frame(self) -> pd.DataFrame:
        """One row per test: node id, outcome, duration, exception type, number of lines covered."""
        import pandas as pd  # only here: collecting and saving a spectrum must not pay for pandas

        exc = [self.failures[t].exc_type if t in self.failures else None for t in self.tests]
        return pd.DataFrame(
            {
                "test": self.tests,
                "outcome": self.outcomes,
                "duration": self.durations,
                "exc_type": exc,
                "lines_covered": np.asarray(self.coverage.sum(axis=1)).ravel(),
            }
        )

    def lines_frame(self) -> pd.DataFrame:
        """One row per executable line: file, line and its spectrum counts."""
        import pandas as pd

        c = self.counts()
        return pd.DataFrame(
            {
                "file": np.asarray(self.files, dtype=object)[self.line_file] if self.files else [],
                "line": self.line_no,
                "ef": c["ef"],
                "ep": c["ep"],
                "nf": c["nf"],
                "np": c["np"],
            }
        )

    # ---- persistence ---------------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write the spectrum to ``path`` (``.npz``; arrays plus a JSON header, no pickle)."""
        stored = _COVERAGE.stored(self)
        cov = stored if isinstance(stored, CoverageRows) else stored.tocsr()
        header = {
            "format": "tflm-spectrum",
            "version": FORMAT_VERSION,
            "root": self.root,
            "files": self.files,
            "tests": self.tests,
            "failures": {
                t: {"exc_type": f.exc_type, "frames": [list(x) for x in f.frames], "message": f.message}
                for t, f in self.failures.items()
            },
            "meta": self.meta,
        }
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                header=np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
                sources=np.frombuffer(json.dumps(self.sources).encode(), dtype=np.uint8),
                line_file=self.line_file.astype(np.int32),
                line_no=self.line_no.astype(np.int32),
                outcomes=np.asarray([OUTCOMES.index(o) for o in self.outcomes], dtype=np.int8),
                durations=self.durations.astype(np.float64),
                indptr=cov.indptr.astype(np.int64),
                indices=cov.indices.astype(np.int32),
            )

    @classmethod
    def load(cls, path: str | Path) -> Spectrum:
        """Read a spectrum written by :meth:`save`; any damage gives a :class:`TflmError`.

        The archive must hold exactly the spectrum's members, each within its cap and of a length that
        agrees with the others, before anything is unpacked (:mod:`tflm.archive`).
        """
        try:
            arrays = read_npz(path, _MEMBERS, _check_lengths)
            header = json.loads(arrays["header"].tobytes().decode())
            if not isinstance(header, dict) or header.get("format") != "tflm-spectrum":
                raise ValueError("not a tflm spectrum file")
            if header.get("version") not in READABLE_VERSIONS:
                raise ValueError(
                    f"spectrum format version {header.get('version')}, expected one of {READABLE_VERSIONS}"
                )
            sources = json.loads(arrays["sources"].tobytes().decode()) if "sources" in arrays else {}
            if not isinstance(sources, dict) or not all(isinstance(v, str) for v in sources.values()):
                raise ValueError("sources is not a mapping of file to text")
            tests, codes = header["tests"], arrays["outcomes"]
            if codes.size and (codes.min() < 0 or codes.max() >= len(OUTCOMES)):
                raise ValueError("outcome codes out of range")
            indices, indptr = arrays["indices"], arrays["indptr"]
            data = np.ones(len(indices), dtype=bool)
            import scipy.sparse as sp  # validates the row pointers and indices of what was read

            cov = sp.csr_matrix((data, indices, indptr), shape=(len(tests), len(arrays["line_no"])))
            failures = {
                t: Failure(f["exc_type"], tuple((str(a), int(b)) for a, b in f["frames"]), f["message"])
                for t, f in header["failures"].items()
            }
            return cls(
                root=header["root"],
                files=list(header["files"]),
                line_file=arrays["line_file"].astype(np.int64),
                line_no=arrays["line_no"].astype(np.int64),
                tests=list(tests),
                outcomes=np.asarray(OUTCOMES, dtype=object)[codes.astype(np.int64)].astype(str),
                durations=arrays["durations"],
                coverage=cov,
                failures=failures,
                meta=header["meta"],
                sources=sources,
            )
        except TflmError:
            raise
        except Exception as exc:  # any damage: bad zip, missing key, wrong type, bad json
            raise TflmError(
                f"{path}: not a readable tflm spectrum file ({type(exc).__name__}: {exc})"
            ) from None
