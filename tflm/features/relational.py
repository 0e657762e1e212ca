"""Relational context: aggregates of a line's function and program, and its call-graph neighbourhood.

A line's own score says little on its own: 0.7 is the top of one program and noise in another. These columns
put it in context: its rank within its function and program, how suspicious its function and the functions
next to it in the call graph are, and the size and failure rate of the program.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd


def function_aggregates(
    table: pd.DataFrame, graph: nx.DiGraph[int], score: str = "ochiai"
) -> dict[str, np.ndarray]:
    """Per-line columns describing the line's function (``func_id`` indexes ``graph``'s nodes)."""
    by_func = table.groupby("func_id", sort=False)
    s = table[score]
    func_max = by_func[score].transform("max").to_numpy()
    func_len = by_func["line"].transform("size").to_numpy()
    order = by_func["line"].rank(method="first").to_numpy() - 1
    n_funcs = int(table["func_id"].max()) + 1 if len(table) else 0
    fmax = np.zeros(n_funcs)
    fmax[table["func_id"].to_numpy()] = func_max
    neigh = np.zeros(n_funcs)
    for f in range(n_funcs):
        others = set(graph.predecessors(f)) | set(graph.successors(f)) if f in graph else set()
        neigh[f] = max((fmax[g] for g in others), default=0.0)
    fid = table["func_id"].to_numpy()
    in_deg = np.array([graph.in_degree(f) if f in graph else 0 for f in range(n_funcs)], dtype=np.int32)
    out_deg = np.array([graph.out_degree(f) if f in graph else 0 for f in range(n_funcs)], dtype=np.int32)
    return {
        "func_len": func_len.astype(np.int32),
        "func_pos": np.where(func_len > 1, order / np.maximum(func_len - 1, 1), 0.0),
        "func_score_max": func_max,
        "func_score_gap": func_max - s.to_numpy(),
        "func_rank": (by_func[score].rank(method="min", ascending=False).to_numpy() - 1) / func_len,
        "func_failcov": (table["ef"] > 0).groupby(table["func_id"]).transform("mean").to_numpy(dtype=float),
        "func_tb": by_func["tb_closeness"].transform("max").to_numpy(),
        "cg_in": in_deg[fid] if len(fid) else np.zeros(0, np.int32),
        "cg_out": out_deg[fid] if len(fid) else np.zeros(0, np.int32),
        "cg_neigh_max": neigh[fid] if len(fid) else np.zeros(0),
    }


def program_aggregates(table: pd.DataFrame, n_tests: int, score: str = "ochiai") -> dict[str, np.ndarray]:
    """Per-line columns describing the line's place in its program, and the program itself."""
    n = len(table)
    s = table[score].to_numpy()
    above = table[score].rank(method="min", ascending=False).to_numpy() - 1 if n else np.zeros(0)
    top = float(s.max()) if n else 0.0
    tf = int(table["tf"].iloc[0]) if n else 0
    full = np.full
    return {
        "score_above": above.astype(np.int32),
        "prog_rank": above / max(n, 1),
        "score_rel": s / top if top > 0 else np.zeros(n),
        "prog_score_max": full(n, top),
        "prog_lines": full(n, n, dtype=np.int32),
        "prog_tests": full(n, n_tests, dtype=np.int32),
        "prog_fail_frac": full(n, tf / n_tests if n_tests else 0.0),
        "prog_tb": full(n, float(table["tb_closeness"].max()) if n else 0.0),
    }
