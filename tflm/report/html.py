"""A self-contained HTML report: the source coloured by suspiciousness, the top lines, the tests.

One file, no network: the styles and the script are inline, the data is an embedded JSON block. Test ids,
file names and source text come from the program under test and may be hostile: the page escapes them, its
script builds the details panel with DOM text nodes (never HTML strings), and a Content-Security-Policy lets
only the report's own script and styles (by hash) run — no inline handlers, no style attributes, no loads.
Every source
line is coloured the Tarantula way (Jones & Harrold): hue from green (only passing tests run it) through
yellow to red (only failing tests do), for the lines any test ran. Beside it is the ranking's score, the
model's probability by default. The table of top lines sorts by any column. A click on a line, in the table or
in the source, shows its features and the tests that run it, failing tests first.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tflm.features.columns import COLUMNS, REPORT_COLUMNS
from tflm.rank import Ranking
from tflm.spectrum import FAILING, Spectrum

#: Features shown for a clicked line, in order: the registered columns marked for the report.
DETAIL_COLUMNS = REPORT_COLUMNS
#: The category names of the coded columns (``kind``, ``exc_type``), shown instead of their codes.
_LABELS = {c.name: c.labels for c in COLUMNS if c.labels}
MAX_TESTS_PER_LINE = 40
#: Tarantula hues come in steps of HUE_STEP degrees, as classes (the CSP forbids style attributes).
HUE_STEP = 5
N_HUES = 120 // HUE_STEP + 1
#: Widest score bar, in pixels (one class per pixel).
BAR_PX = 40


def _asset(name: str) -> str:
    return (resources.files("tflm.report") / "assets" / name).read_text(encoding="utf-8")


def _colour(tarantula: float, ran: bool) -> str:
    """The class of a line's Tarantula colour: ``h0`` (red, failing tests only) … ``h24`` (green)."""
    if not ran or not np.isfinite(tarantula):
        return ""
    hue = 120.0 * (1.0 - min(max(float(tarantula), 0.0), 1.0))  # 120 = green (passing only) … 0 = red
    return f"h{round(hue / HUE_STEP)}"


def _bar(score: float, top_score: float) -> str:
    width = BAR_PX * score / top_score if np.isfinite(score) else 0.0
    return f"w{min(max(round(width), 0), BAR_PX)}"


def _palette() -> str:
    """Style rules for the colour and bar classes."""
    hues = "".join(f".h{k}{{background:hsl({HUE_STEP * k},85%,78%)}}" for k in range(N_HUES))
    return hues + "".join(f".w{n}{{width:{n}px}}" for n in range(BAR_PX + 1))


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _csp(style: str, script: str) -> str:
    """The page's Content-Security-Policy: nothing but this style block and this script, by hash."""
    return (
        "default-src 'none'; "
        f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
        "img-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _json_block(data: dict[str, Any]) -> str:
    """``data`` as JSON that cannot end or confuse its ``<script>`` element: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _value(v: Any, name: str) -> Any:
    if name in _LABELS:
        return _LABELS[name][int(v)]
    if isinstance(v, float | np.floating):
        return round(float(v), 4)
    if isinstance(v, np.integer | np.bool_):
        return v.item()
    return str(v)


def html_report(spectrum: Spectrum, ranking: Ranking, table: pd.DataFrame, top: int = 30) -> str:
    """The report as one HTML string.

    Parameters
    ----------
    spectrum : Spectrum
        The collected run (it carries the source texts, tests and coverage).
    ranking : Ranking
        Scores to show and rank by (the model's probabilities or an SBFL formula).
    table : DataFrame
        The line table of ``spectrum`` (:func:`tflm.features.line_table`), for colours and details.
    top : int
        Rows of the top-lines table.
    """
    files, lines = table["file"].astype(str).to_numpy(), table["line"].to_numpy()
    row_of = {f"{f}:{n}": i for i, (f, n) in enumerate(zip(files, lines, strict=True))}
    # Plain arrays: one lookup per cell, not a pandas .iloc call per cell (reports cover whole programs).
    column = {
        c: table[c].to_numpy() for c in {*DETAIL_COLUMNS, "tarantula", "ochiai", "ef", "ep"} if c in table
    }
    scored = {
        f"{f}:{n}": (float(s), int(r))
        for f, n, s, r in zip(ranking.files, ranking.lines, ranking.scores, ranking.ranks, strict=True)
    }
    top_score = max((s for s, _ in scored.values()), default=0.0) or 1.0

    tests_meta = []
    for t, outcome in zip(spectrum.tests, spectrum.outcomes, strict=True):
        cls = "fail" if outcome in FAILING else "pass" if outcome == "passed" else "other"
        tests_meta.append({"name": t, "outcome": outcome, "cls": cls})
    failing = spectrum.failed
    cov = spectrum.coverage.tocsc()
    lines_data: dict[str, Any] = {}
    for k, i in row_of.items():
        col = spectrum.line_index(files[i], int(lines[i]))
        runs = cov.indices[cov.indptr[col] : cov.indptr[col + 1]] if col >= 0 else np.zeros(0, dtype=int)
        runs = runs[np.argsort(~failing[runs], kind="stable")]  # failing tests first
        s, r = scored.get(k, (float("nan"), 0))
        lines_data[k] = {
            "score": s if np.isfinite(s) else 0.0,
            "rank": r,
            "features": {c: _value(column[c][i], c) for c in DETAIL_COLUMNS if c in column},
            "tests": runs[:MAX_TESTS_PER_LINE].tolist(),
            "n_tests": int(len(runs)),
        }
    best = f"{ranking.files[0]}:{ranking.lines[0]}" if len(ranking) else None
    data = {"method": ranking.method, "tests": tests_meta, "lines": lines_data, "top": best}

    counts = spectrum.outcome_counts()
    summary = ", ".join(
        f"{counts[o]} {o}"
        for o in ("failed", "error", "timeout", "crashed", "passed", "skipped", "xfailed", "xpassed")
        if counts[o]
    )
    style, script = _asset("report.css") + _palette(), _asset("report.js")
    assert "</" not in style + script  # the hashes cover the blocks' exact text: nothing may end them early
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<meta http-equiv='Content-Security-Policy' content=\"{_csp(style, script)}\">",
        f"<title>tflm: {html.escape(Path(spectrum.root).name)}</title>",
        f"<style>{style}</style></head><body>",
        f"<header><h1>Fault localization: {html.escape(spectrum.root)}</h1>",
        f"<div class='meta'>ranked by <b>{html.escape(ranking.method)}</b> · {counts['total']} tests: "
        f"{html.escape(summary)}</div></header><main><div id='left'>",
        "<div class='legend'>Tarantula colouring: "
        f"<span class='h{N_HUES - 1}'>run by passing tests only</span>"
        f"<span class='h{N_HUES // 2}'>by both</span>"
        "<span class='h0'>by failing tests only</span>"
        "<span class='none'>not run</span></div>",
        "<h2>Most suspicious lines</h2><table class='top' id='top-table'><thead><tr><th>rank</th>"
        f"<th>location</th><th>{html.escape(ranking.method)}</th><th>tarantula</th><th>ochiai</th>"
        "<th>source</th></tr></thead><tbody>",
    ]
    sources = {f: spectrum.sources.get(f, "").splitlines() for f in spectrum.files}
    for f, n, s, r in zip(
        ranking.files[:top], ranking.lines[:top], ranking.scores[:top], ranking.ranks[:top], strict=True
    ):
        k = f"{f}:{n}"
        row = row_of.get(k)
        tar = float(column["tarantula"][row]) if row is not None else 0.0
        och = float(column["ochiai"][row]) if row is not None else 0.0
        file_lines = sources.get(str(f), [])
        src = file_lines[n - 1].strip() if 0 < n <= len(file_lines) else ""
        out.append(
            f"<tr data-key='{html.escape(k)}'><td data-v='{r}'>{r}</td><td>{html.escape(k)}</td>"
            f"<td data-v='{s:.6g}'><span class='bar {_bar(s, top_score)}'></span>"
            f"{s:.4g}</td>"
            f"<td data-v='{tar:.4f}'>{tar:.3f}</td><td data-v='{och:.4f}'>{och:.3f}</td>"
            f"<td class='src'>{html.escape(src)}</td></tr>"
        )
    out.append("</tbody></table><h2>Source</h2>")
    tests_failed = [m for m in tests_meta if m["cls"] == "fail"]
    for f in spectrum.files:
        out.append(f"<div class='file'><h3>{html.escape(f)}</h3>")
        for n, text in enumerate(sources[f], start=1):
            k = f"{f}:{n}"
            row = row_of.get(k)
            if row is None:
                out.append(
                    f"<div class='ln'><span class='no'>{n}</span>"
                    f"<span class='code'>{html.escape(text) or ' '}</span><span class='p'></span></div>"
                )
                continue
            ran = bool(column["ef"][row] + column["ep"][row] > 0)
            s, r = scored.get(k, (0.0, 0))
            marks = ("ln exec", "top" if k == best else "", _colour(column["tarantula"][row], ran))
            cls = " ".join(m for m in marks if m)
            out.append(
                f"<div class='{cls}' id='L:{html.escape(k)}' data-key='{html.escape(k)}'>"
                f"<span class='no'>{n}</span>"
                f"<span class='code'>{html.escape(text) or ' '}</span><span class='p'>{s:.3g}</span></div>"
            )
        out.append("</div>")
    out.append("<h2>Failing tests</h2><ul>")
    for meta in tests_failed:
        fail = spectrum.failures.get(meta["name"])
        why = f" — {fail.exc_type}: {fail.message}" if fail else ""
        out.append(f"<li class='fail'>{html.escape(meta['name'] + why)}</li>")
    out.append(
        "</ul></div><aside id='panel'><p>Click a line to see its features and tests.</p></aside></main>"
    )
    out.append(f"<script type='application/json' id='tflm-data'>{_json_block(data)}</script>")
    out.append(f"<script>{script}</script></body></html>")
    return "\n".join(out)


def write_html(
    path: str | Path, spectrum: Spectrum, ranking: Ranking, table: pd.DataFrame, top: int = 30
) -> None:
    """Write :func:`html_report` to ``path`` (UTF-8)."""
    Path(path).write_text(html_report(spectrum, ranking, table, top), encoding="utf-8")
