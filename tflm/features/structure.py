"""The relational structure of a program: which function every line belongs to, and who calls whom.

A *function* here is a ``def`` (methods are qualified by their class, nested functions by their parent), plus
one pseudo-function ``<module>`` per file for the statements that run at import time or in class bodies. The
call graph links functions by the simple names they call; the resolution is by name only, which is what a
static view of Python allows without running it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

import networkx as nx
import numpy as np

from tflm.source import SourceFile

MODULE = "<module>"


@dataclass
class Function:
    """One function of a program.

    Attributes
    ----------
    file : str
        File it is defined in.
    name : str
        Qualified name within the file (``Class.method``, ``outer.inner``) or ``<module>``.
    start, end : int
        First line of its body and its last line (0 for the module pseudo-function).
    calls : set of str
        Simple names it calls (``f(...)`` and ``obj.f(...)`` both give ``f``).
    """

    file: str
    name: str
    start: int = 0
    end: int = 0
    calls: set[str] = field(default_factory=set)

    @property
    def qualname(self) -> str:
        return f"{self.file}::{self.name}"

    @property
    def simple_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def file_functions(source: SourceFile, file: str) -> tuple[list[Function], np.ndarray]:
    """The functions of one file and, for every line number, the index of its innermost function.

    Returns
    -------
    functions : list of Function
        ``functions[0]`` is the file's ``<module>``.
    owner : ndarray of int, shape (n_source_lines + 2,)
        ``owner[l]`` indexes ``functions`` for line ``l``. A ``def`` line belongs to the scope that runs it.
    """
    functions = [Function(file, MODULE)]
    owner = np.zeros(len(source.lines) + 2, dtype=np.int64)

    def visit(node: ast.AST, prefix: str, current: int) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                idx = len(functions)
                start = child.body[0].lineno if child.body else child.lineno
                functions.append(Function(file, prefix + child.name, start, child.end_lineno or child.lineno))
                owner[start : functions[idx].end + 1] = idx
                visit(child, prefix + child.name + ".", idx)
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".", current)
            else:
                if isinstance(child, ast.Call):
                    name = _called_name(child)
                    if name:
                        functions[current].calls.add(name)
                visit(child, prefix, current)

    visit(source.tree, "", 0)
    return functions, owner


def call_graph(functions: list[Function]) -> nx.DiGraph[int]:
    """Directed graph over function indices: an edge ``f → g`` when ``f`` calls a name that ``g`` bears."""
    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(len(functions)))
    by_name: dict[str, list[int]] = {}
    for i, fn in enumerate(functions):
        if fn.name != MODULE:
            by_name.setdefault(fn.simple_name, []).append(i)
    for i, fn in enumerate(functions):
        for name in fn.calls:
            graph.add_edges_from((i, j) for j in by_name.get(name, ()) if j != i)
    return graph
