"""The relational schema: which line-table columns are variables of which class, and of which type.

Classes (docs/model.md#the-template): a **Program** has attributes and an exchangeable part **Function**,
which has attributes and an exchangeable part **Line**; a Line carries its features and the bug indicator.
Function and program attributes are aggregates of their parts, repeated on every line of the table;
:func:`design` takes one value per object. The default schema is derived from the column registry
(:mod:`tflm.features.columns`): its model columns, by level, in their slots' order.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from tflm.errors import InvalidParameterError, TflmError
from tflm.features import columns
from tflm.features.table import check_version
from tflm.rspn.leaves import LEAF_TYPES, Bernoulli

#: The leaf kinds a variable can have (:data:`tflm.rspn.leaves.LEAF_TYPES`).
KINDS = tuple(LEAF_TYPES)
TRANSFORMS = ("identity", "log1p")
#: The line-table column holding the ground truth.
LABEL = columns.LABEL


@dataclass(frozen=True)
class Var:
    """One variable: a line-table column, its leaf type and how it is transformed first.

    ``n_values`` is the number of categories (categorical); ``lo``, ``hi`` and ``bins`` give the equal-width
    histogram support (histogram).
    """

    name: str
    kind: str
    transform: str = "identity"
    n_values: int = 0
    lo: float = 0.0
    hi: float = 1.0
    bins: int = 20

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidParameterError(f"variable {self.name}: unknown kind {self.kind!r}")
        if self.transform not in TRANSFORMS:
            raise InvalidParameterError(f"variable {self.name}: unknown transform {self.transform!r}")
        LEAF_TYPES[self.kind].check_var(self)

    @property
    def edges(self) -> np.ndarray:
        return np.linspace(self.lo, self.hi, self.bins + 1)

    def column(self, table: pd.DataFrame) -> np.ndarray:
        try:
            x = table[self.name].to_numpy(dtype=np.float64, na_value=np.nan)
        except KeyError:
            raise TflmError(f"the line table has no column {self.name!r} that the model needs") from None
        return np.log1p(np.clip(x, 0, None)) if self.transform == "log1p" else x

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Schema:
    """Variables of the three classes. ``line`` must hold the label variable ``faulty`` (Bernoulli)."""

    line: tuple[Var, ...]
    function: tuple[Var, ...]
    program: tuple[Var, ...]

    def __post_init__(self) -> None:
        names = [v.name for v in self.line]
        # the label is compiled out as the two states of a Bernoulli (tflm.rspn.compiled)
        if LABEL not in names or self.line[names.index(LABEL)].kind != Bernoulli.kind:
            raise InvalidParameterError(f"the line class needs the Bernoulli label variable {LABEL!r}")
        for group in (self.line, self.function, self.program):
            if len({v.name for v in group}) != len(group):
                raise InvalidParameterError("duplicate variable names in the schema")

    @property
    def label_index(self) -> int:
        return [v.name for v in self.line].index(LABEL)

    def to_dict(self) -> dict[str, Any]:
        return {k: [v.to_dict() for v in getattr(self, k)] for k in ("line", "function", "program")}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Schema:
        return cls(*(tuple(Var(**v) for v in d[k]) for k in ("line", "function", "program")))


def _var(column: columns.Column) -> Var:
    """The model variable of a registered model column."""
    assert column.leaf is not None
    leaf = column.leaf
    return Var(column.name, leaf.kind, leaf.transform, n_values=len(column.labels), bins=leaf.bins)


#: The variables the shipped model (tflm/models/default.npz) was trained with; a test checks they are
#: equal.
DEFAULT_SCHEMA = Schema(*(tuple(map(_var, columns.model_columns(level))) for level in columns.LEVELS))


@dataclass
class Design:
    """A line table (one or many programs) cut into the three classes' data matrices.

    ``line_x`` (lines × line vars, the label NaN when unknown), ``func_x`` (functions × function vars),
    ``prog_x`` (programs × program vars); ``line_func`` and ``func_prog`` link parts to wholes, and
    ``programs`` names the programs (the table's ``bug`` column, or one program).
    """

    line_x: np.ndarray
    func_x: np.ndarray
    prog_x: np.ndarray
    line_func: np.ndarray
    func_prog: np.ndarray
    programs: list[str]


def design(table: pd.DataFrame, schema: Schema, *, with_label: bool) -> Design:
    """Build the class matrices of ``table``. Without ``with_label`` the label column is NaN (unknown)."""
    if len(table) == 0:
        raise TflmError("the line table is empty: there is no line to model")
    check_version(table)
    bug_key, func_id = columns.PROGRAM_KEY, columns.FUNCTION_KEY
    bug = table[bug_key].astype(str).to_numpy() if bug_key in table else np.zeros(len(table), dtype=object)
    if func_id not in table:
        raise TflmError(f"the line table has no {func_id} column; build it with tflm.features.line_table")
    prog_codes, programs = pd.factorize(bug, sort=False)
    func_key = prog_codes.astype(np.int64) * (int(table[func_id].max()) + 1) + table[func_id].to_numpy()
    line_func, func_keys = pd.factorize(func_key, sort=False)
    first_func = np.unique(line_func, return_index=True)[1]
    first_prog = np.unique(prog_codes, return_index=True)[1]
    if not with_label and LABEL not in table:
        table = table.assign(**{LABEL: np.nan})
    line_x = np.column_stack([v.column(table) for v in schema.line])
    if not with_label:
        line_x[:, schema.label_index] = np.nan
    elif np.isnan(line_x[:, schema.label_index]).any():
        raise TflmError(f"the {LABEL!r} label has missing values")

    def cls_matrix(vars_: tuple[Var, ...], rows: np.ndarray) -> np.ndarray:
        if not vars_:
            return np.zeros((len(rows), 0))
        objects = table.iloc[rows]
        return np.column_stack([v.column(objects) for v in vars_])

    return Design(
        line_x=line_x,
        func_x=cls_matrix(schema.function, first_func),
        prog_x=cls_matrix(schema.program, first_prog),
        line_func=line_func.astype(np.int64),
        func_prog=prog_codes[first_func].astype(np.int64),
        programs=[str(p) for p in programs],
    )
