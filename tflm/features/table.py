"""The line table: one row per executable line of a program, with its features and relational ids.

Its columns, in order, with their dtypes, families and how the model reads them, are declared in
:mod:`tflm.features.columns` (see docs/model.md#features):

- identity: ``file``, ``line``, ``file_id``, ``func_id`` (program-wide function index), ``func`` (qualified
  name, ``file::Class.method`` or ``file::<module>``);
- spectrum counts ``ef, ep, nf, np`` and totals ``tf, tp``; one column per SBFL formula;
- dynamic: ``tb_count``, ``tb_closeness``, ``exc_type`` (index into
  :data:`tflm.features.dynamic.EXC_TYPES`);
- static: ``kind`` (index into :data:`tflm.features.static.KINDS`), the ``has_*`` flags, ``n_nodes``,
  ``depth``;
- relational: the function aggregates (``func_*``, ``cg_*``) and the program aggregates (``score_above``,
  ``prog_*``…), all over Ochiai.

Every table carries :data:`~tflm.features.columns.TABLE_VERSION` in ``attrs``; :func:`check_version`
refuses a table of another version.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tflm.errors import DataError, SourceError
from tflm.features.columns import TABLE_VERSION, VERSION_KEY
from tflm.features.dynamic import exception_features, traceback_features
from tflm.features.relational import function_aggregates, program_aggregates
from tflm.features.sbfl import sbfl_scores
from tflm.features.static import static_features
from tflm.features.structure import Function, call_graph, file_functions
from tflm.source import SourceFile
from tflm.spectrum import Spectrum

__all__ = ["TABLE_VERSION", "check_version", "line_table"]


def check_version(table: pd.DataFrame, where: str = "the line table") -> None:
    """Raise :class:`DataError` when ``table`` says it was built with another table version.

    A table without the mark (made by hand, or by pandas operations that drop ``attrs``) passes: the
    columns a consumer needs are checked by name where they are read.
    """
    found = table.attrs.get(VERSION_KEY)
    if found is not None and found != TABLE_VERSION:
        raise DataError(
            f"{where} has table version {found!r}, but this tflm reads version {TABLE_VERSION}: "
            "build it again with this tflm (tflm.line_table, or tflm corpus extract for a dataset)"
        )


def _parse(spectrum: Spectrum) -> dict[str, SourceFile]:
    parsed = {}
    for file in spectrum.files:
        text = spectrum.sources.get(file)
        if text is None:
            continue  # a spectrum without sources (format 1): static features stay at their defaults
        try:
            parsed[file] = SourceFile.parse(text, file)
        except SourceError:
            continue
    return parsed


def line_table(spectrum: Spectrum) -> pd.DataFrame:
    """Per-line features of a spectrum (one row per executable line, in the spectrum's line order)."""
    sources = _parse(spectrum)
    counts = spectrum.counts()
    n = spectrum.n_lines
    table = pd.DataFrame(
        {
            "file": pd.Categorical(np.asarray(spectrum.files, dtype=object)[spectrum.line_file]),
            "line": spectrum.line_no.astype(np.int32),
            "file_id": spectrum.line_file.astype(np.int32),
        }
    )

    functions: list[Function] = []
    func_id = np.zeros(n, dtype=np.int32)
    static_cols: dict[str, np.ndarray] = {}
    for f, file in enumerate(spectrum.files):
        sel = np.flatnonzero(spectrum.line_file == f)
        lines = spectrum.line_no[sel]
        if file in sources:
            funcs, owner = file_functions(sources[file], file)
            func_id[sel] = len(functions) + owner[np.clip(lines, 0, len(owner) - 1)]
            feats = static_features(sources[file], lines)
        else:
            funcs = [Function(file, "<module>")]
            func_id[sel] = len(functions)
            feats = static_features(SourceFile.parse(""), lines)
        functions.extend(funcs)
        for name, values in feats.items():
            static_cols.setdefault(name, np.zeros(n, dtype=values.dtype))[sel] = values
    # Renumber so that ids are dense over the functions that own executable lines.
    used, dense = np.unique(func_id, return_inverse=True)
    table["func_id"] = dense.astype(np.int32)
    table["func"] = pd.Categorical([functions[i].qualname for i in used[dense]] if n else [])
    graph = call_graph([functions[i] for i in used]) if n else call_graph([])

    for name in ("ef", "ep", "nf", "np"):
        table[name] = counts[name].astype(np.int32)
    table["tf"] = np.full(n, int(counts["tf"]), dtype=np.int32)
    table["tp"] = np.full(n, int(counts["tp"]), dtype=np.int32)
    for name, values in sbfl_scores(spectrum, counts).items():
        table[name] = values

    for name, values in traceback_features(spectrum, sources).items():
        table[name] = values
    table["exc_type"] = exception_features(spectrum)
    for name, values in static_cols.items():
        table[name] = values
    if not static_cols:
        for name, values in static_features(SourceFile.parse(""), np.zeros(0)).items():
            table[name] = values
    for name, values in function_aggregates(table, graph).items():
        table[name] = values
    for name, values in program_aggregates(table, spectrum.n_tests).items():
        table[name] = values
    table.attrs[VERSION_KEY] = TABLE_VERSION
    return table
