"""The line table's columns, each declared once.

:data:`COLUMNS` lists every column of a line table, in table order: those :func:`tflm.features.line_table`
emits, then the two a corpus extraction adds (``bug``, ``faulty``). Each :class:`Column` gives its dtype, the
step that computes it (its family), the object it describes (its level), how the default model reads it (its
:class:`Leaf`, or none) and whether the HTML report shows it. The default schema
(:data:`tflm.rspn.schema.DEFAULT_SCHEMA`), the report's details panel and the table version checks read
this module; the feature modules compute the columns under these names (tests/test_columns.py checks each
module's output against its family).

This module is plain data: it imports no model code, so that the data flow stays one way (features →
model → ranking → report).
"""

from __future__ import annotations

from dataclasses import dataclass

from tflm.features.dynamic import EXC_TYPES
from tflm.features.static import KINDS

#: Version of the line table's columns and their meaning, written into every table
#: (``DataFrame.attrs[VERSION_KEY]``, and a dataset's records) and checked where a table is read back or
#: fed to a model. Bump it whenever a column is added, removed, retyped or computed differently.
#: 3: ``has_attr``, ``has_const_neg1``, ``has_len``, ``has_none``, ``has_slice``, ``prev_score``,
#: ``next_score`` and ``prog_funcs`` removed (nothing read them).
TABLE_VERSION = 3
#: The ``DataFrame.attrs`` key (kept in the Parquet files pandas writes) holding a table's version.
VERSION_KEY = "tflm_table_version"

#: The families: which step computes a column.
FAMILIES = ("identity", "counts", "sbfl", "dynamic", "static", "relational", "dataset")
#: The levels: what a column describes. A function column has one value per function (repeated on its
#: lines), a program column one value per program; a line column may differ from line to line.
LEVELS = ("line", "function", "program")

#: The ground truth, added by a corpus extraction (True on the faulty lines).
LABEL = "faulty"
#: Names the program a row belongs to, in a dataset of many (added by a corpus extraction).
PROGRAM_KEY = "bug"
#: The program-wide function index of a row's line.
FUNCTION_KEY = "func_id"


@dataclass(frozen=True)
class Leaf:
    """How the default model reads a column.

    Attributes
    ----------
    slot : int
        Position among the model's variables of the column's level: the order the shipped model was
        trained with, which groups the variables differently from the table.
    kind : str
        The leaf type (a kind of :data:`tflm.rspn.schema.KINDS`); a categorical leaf has one value per
        label of its column.
    transform : str
        Applied to the column first (``identity`` or ``log1p``).
    bins : int
        Equal-width bins over [0, 1] (histogram leaves).
    """

    slot: int
    kind: str
    transform: str = "identity"
    bins: int = 20


@dataclass(frozen=True)
class Column:
    """One line-table column.

    Attributes
    ----------
    name : str
        The column's name.
    dtype : str
        Its dtype as pandas names it (``category`` for the categoricals).
    family : str
        The step that computes it (one of :data:`FAMILIES`).
    level : str
        The object it describes (one of :data:`LEVELS`).
    leaf : Leaf or None
        How the default model reads it; None when the model does not.
    report : bool
        Shown in the HTML report's details panel.
    labels : tuple of str
        For a column of category codes, the category of each code.
    """

    name: str
    dtype: str
    family: str
    level: str
    leaf: Leaf | None = None
    report: bool = False
    labels: tuple[str, ...] = ()

    @property
    def model(self) -> bool:
        """Whether the default model reads the column."""
        return self.leaf is not None


def _hist(slot: int, bins: int = 20) -> Leaf:
    return Leaf(slot, "histogram", bins=bins)


def _log_gauss(slot: int) -> Leaf:
    return Leaf(slot, "gaussian", "log1p")


_F, _I32, _I8, _B = "float64", "int32", "int8", "bool"

COLUMNS: tuple[Column, ...] = (
    # identity (features/table.py)
    Column("file", "category", "identity", "line"),
    Column("line", _I32, "identity", "line"),
    Column("file_id", _I32, "identity", "line"),
    Column(FUNCTION_KEY, _I32, "identity", "function"),
    Column("func", "category", "identity", "function", report=True),
    # spectrum counts (Spectrum.counts); the totals tf and tp are no model feature, but a table's formulas
    # can be recomputed from its columns alone (per program, in a dataset of many)
    Column("ef", _I32, "counts", "line", report=True),
    Column("ep", _I32, "counts", "line", report=True),
    Column("nf", _I32, "counts", "line", report=True),
    Column("np", _I32, "counts", "line", report=True),
    Column("tf", _I32, "counts", "program"),
    Column("tp", _I32, "counts", "program"),
    # one column per formula of features/sbfl.py, in FORMULAS order
    Column("tarantula", _F, "sbfl", "line", _hist(2), report=True),
    Column("tarantula_hue", _F, "sbfl", "line"),
    Column("ochiai", _F, "sbfl", "line", _hist(1), report=True),
    Column("dstar", _F, "sbfl", "line", report=True),
    Column("op2", _F, "sbfl", "line"),
    Column("jaccard", _F, "sbfl", "line"),
    Column("gp13", _F, "sbfl", "line"),
    Column("barinel", _F, "sbfl", "line"),
    # features/dynamic.py
    Column("tb_count", _I32, "dynamic", "line", report=True),
    Column("tb_closeness", _F, "dynamic", "line", _hist(9, 10), report=True),
    Column("exc_type", _I8, "dynamic", "line", Leaf(10, "categorical"), report=True, labels=EXC_TYPES),
    # features/static.py
    Column("kind", _I8, "static", "line", Leaf(11, "categorical"), report=True, labels=KINDS),
    Column("has_compare", _B, "static", "line", Leaf(12, "bernoulli")),
    Column("has_arith", _B, "static", "line", Leaf(13, "bernoulli")),
    Column("has_bool", _B, "static", "line", Leaf(14, "bernoulli")),
    Column("has_subscript", _B, "static", "line", Leaf(15, "bernoulli")),
    Column("has_call", _B, "static", "line", Leaf(16, "bernoulli")),
    Column("has_const_0", _B, "static", "line", Leaf(17, "bernoulli")),
    Column("has_const_1", _B, "static", "line", Leaf(18, "bernoulli")),
    Column("n_nodes", _I32, "static", "line", _log_gauss(20)),
    Column("depth", _I8, "static", "line", Leaf(19, "poisson"), report=True),
    # features/relational.py: the line's function and the call graph around it, all over Ochiai
    Column("func_len", _I32, "relational", "function", _log_gauss(0)),
    Column("func_pos", _F, "relational", "line", _hist(8, 10)),
    Column("func_score_max", _F, "relational", "function", _hist(1), report=True),
    Column("func_score_gap", _F, "relational", "line", _hist(7)),
    Column("func_rank", _F, "relational", "line", _hist(6), report=True),
    Column("func_failcov", _F, "relational", "function", _hist(2, 10)),
    Column("func_tb", _F, "relational", "function", _hist(3, 10)),
    Column("cg_in", _I32, "relational", "function", Leaf(4, "poisson"), report=True),
    Column("cg_out", _I32, "relational", "function", report=True),
    Column("cg_neigh_max", _F, "relational", "function", _hist(5)),
    # features/relational.py: the line's place in its program, and the program itself
    Column("score_above", _I32, "relational", "line", _log_gauss(5), report=True),
    Column("prog_rank", _F, "relational", "line", _hist(4)),
    Column("score_rel", _F, "relational", "line", _hist(3)),
    Column("prog_score_max", _F, "relational", "program", _hist(3)),
    Column("prog_lines", _I32, "relational", "program", _log_gauss(0)),
    Column("prog_tests", _I32, "relational", "program", _log_gauss(1)),
    Column("prog_fail_frac", _F, "relational", "program", _hist(2)),
    Column("prog_tb", _F, "relational", "program", _hist(4, 10)),
    # added by a corpus extraction (tflm/corpora/extract.py), not by line_table
    Column(PROGRAM_KEY, "object", "dataset", "program"),
    Column(LABEL, _B, "dataset", "line", Leaf(0, "bernoulli")),
)

#: The columns :func:`tflm.features.line_table` emits, in order.
TABLE_COLUMNS = tuple(c for c in COLUMNS if c.family != "dataset")
#: The columns the HTML report shows for a clicked line, in order.
REPORT_COLUMNS = tuple(c.name for c in COLUMNS if c.report)


def model_columns(level: str) -> tuple[Column, ...]:
    """The columns the default model reads as variables of ``level``, in its order (by slot)."""
    return tuple(sorted((c for c in COLUMNS if c.leaf and c.level == level), key=_slot))


def _slot(c: Column) -> int:
    return c.leaf.slot if c.leaf else -1
