"""The column registry: the line table, its feature modules, the default schema, the report and the docs all
agree with it, and the table version is written and checked."""

import hashlib
import json
import re

import numpy as np
import pandas as pd
import pytest
from helpers import REPO, make_spectrum

from tflm.errors import DataError
from tflm.features.columns import (
    COLUMNS,
    FAMILIES,
    LEVELS,
    REPORT_COLUMNS,
    TABLE_COLUMNS,
    TABLE_VERSION,
    VERSION_KEY,
    model_columns,
)
from tflm.features.dynamic import exception_features, traceback_features
from tflm.features.relational import function_aggregates, program_aggregates
from tflm.features.sbfl import FORMULAS
from tflm.features.static import static_features
from tflm.features.structure import call_graph, file_functions
from tflm.features.table import check_version, line_table
from tflm.localization import rank_spectrum
from tflm.model import TFLM
from tflm.report.html import DETAIL_COLUMNS, html_report
from tflm.rspn.schema import DEFAULT_SCHEMA
from tflm.source import SourceFile
from tflm.spectrum import Failure

CODE = "def f(x):\n    if x[0] > 1:\n        return -1\n    return len(x)\n\n\ndef g():\n    return f([0])\n"


def _spectrum():
    """Two functions, one calling the other, a failing test with a traceback, and a second file without
    sources (its static features stay at their defaults)."""
    cov = [[1, 1, 1, 0, 1, 1, 1], [1, 1, 0, 1, 1, 1, 0], [1, 1, 0, 1, 1, 0, 1]]
    s = make_spectrum(
        cov,
        ["failed", "passed", "passed"],
        files=("m.py", "n.py"),
        line_file=[0, 0, 0, 0, 0, 0, 1],
        line_no=[1, 2, 3, 4, 7, 8, 1],
    )
    s.sources = {"m.py": CODE}
    s.failures = {"test_0": Failure("IndexError", (("m.py", 8), ("m.py", 3)))}
    return s


def _names(family):
    return [c.name for c in COLUMNS if c.family == family]


@pytest.mark.parametrize(
    "spectrum",
    [
        _spectrum(),
        make_spectrum([[1, 0], [0, 1]], ["failed", "passed"]),
        make_spectrum(np.zeros((2, 0)), ["failed", "passed"]),
    ],
    ids=["sources", "no-sources", "no-lines"],
)
def test_line_table_emits_exactly_the_registered_columns(spectrum):
    table = line_table(spectrum)
    assert list(table.columns) == [c.name for c in TABLE_COLUMNS]
    assert {c.name: str(table[c.name].dtype) for c in TABLE_COLUMNS} == {
        c.name: c.dtype for c in TABLE_COLUMNS
    }
    assert table.attrs[VERSION_KEY] == TABLE_VERSION


def test_each_feature_module_emits_its_family():
    s = _spectrum()
    src = SourceFile.parse(CODE, "m.py")
    assert list(s.counts()) == _names("counts")
    assert list(FORMULAS) == _names("sbfl")
    assert [*traceback_features(s, {"m.py": src}), "exc_type"] == _names("dynamic")
    exception_features(s)  # the one column it returns is exc_type
    assert list(static_features(src, src.executable_lines)) == _names("static")
    table = line_table(s)
    graph = call_graph(file_functions(src, "m.py")[0])
    relational = [*function_aggregates(table, graph), *program_aggregates(table, s.n_tests)]
    assert relational == _names("relational")
    assert {c.family for c in COLUMNS} == set(FAMILIES) and {c.level for c in COLUMNS} == set(LEVELS)


def test_function_and_program_columns_are_one_value_per_object():
    table = line_table(_spectrum())
    assert table["func_id"].nunique() == 4  # m.py's <module>, f and g; n.py's <module>
    for c in TABLE_COLUMNS:
        if c.level == "function":
            assert (table.groupby("func_id")[c.name].nunique() == 1).all(), c.name
        elif c.level == "program":
            assert table[c.name].nunique() == 1, c.name


def test_the_default_schema_is_the_registrys_model_columns_and_the_shipped_models():
    assert TFLM.load().schema_ == DEFAULT_SCHEMA
    for level in LEVELS:  # the levels are the schema's classes
        vars_, cols = getattr(DEFAULT_SCHEMA, level), model_columns(level)
        assert [c.leaf.slot for c in cols if c.leaf] == list(range(len(cols)))  # slots are distinct, dense
        assert [v.name for v in vars_] == [c.name for c in cols]
    used = {v.name for v in DEFAULT_SCHEMA.line + DEFAULT_SCHEMA.function + DEFAULT_SCHEMA.program}
    assert used == {c.name for c in COLUMNS if c.model}
    for c in COLUMNS:  # a categorical leaf has one value per label (kind, exc_type)
        if c.leaf and c.leaf.kind == "categorical":
            assert c.labels, c.name


def test_the_columns_are_pinned_to_the_table_version():
    # Changing a column (name, dtype, family or level) changes this digest: bump TABLE_VERSION in
    # tflm/features/columns.py, then update both values here.
    text = "\n".join(f"{c.name}:{c.dtype}:{c.family}:{c.level}" for c in COLUMNS)
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    assert (TABLE_VERSION, digest) == (3, "10ef4f5d1bda3b1c")


def test_a_table_of_another_version_is_refused_and_one_without_a_mark_is_read():
    s = _spectrum()
    table = line_table(s)
    model = TFLM.load()
    expected = model.predict_proba(table)
    stale = table.copy()
    stale.attrs[VERSION_KEY] = TABLE_VERSION - 1
    with pytest.raises(DataError, match=f"table version {TABLE_VERSION - 1}, but this tflm reads"):
        model.predict_proba(stale)
    with pytest.raises(DataError, match="the line table has table version"):
        check_version(stale)
    unmarked = table.copy()
    unmarked.attrs.clear()
    np.testing.assert_array_equal(model.predict_proba(unmarked), expected)


def test_the_report_shows_the_registered_report_columns():
    s = _spectrum()
    page = html_report(s, rank_spectrum(s, "ochiai"), line_table(s))
    block = re.search(r"<script type='application/json' id='tflm-data'>(.*?)</script>", page, re.S)
    assert block
    line = json.loads(block.group(1))["lines"]["m.py:3"]
    assert DETAIL_COLUMNS == REPORT_COLUMNS and list(line["features"]) == list(REPORT_COLUMNS)
    assert line["features"]["kind"] == "return" and line["features"]["exc_type"] == "IndexError"


def test_docs_name_every_column_and_no_other():
    text = (REPO / "docs" / "model.md").read_text(encoding="utf-8")
    features = text[text.index("## Features") : text.index("## Ensemble")]
    named = set(re.findall(r"`([a-z][a-z0-9_]*)`", features))
    registered = {c.name for c in COLUMNS}
    assert registered - {"bug"} <= named
    # every column-like name in the section is a registered column
    pattern = re.compile(r"(has|func|prog|cg|score|tb)_[a-z0-9_]+")
    assert {n for n in named if pattern.fullmatch(n)} <= registered
    assert pd.Series([c.name for c in COLUMNS]).is_unique
