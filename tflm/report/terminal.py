"""A ranked table of suspicious lines, with their source text, for the terminal."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tflm.errors import TflmError
from tflm.rank import Ranking
from tflm.source import read_source


def _source_lines(root: Path, files: set[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in files:
        try:
            out[f] = read_source(root / f).splitlines()
        except TflmError:
            out[f] = []
    return out


def print_ranking(ranking: Ranking, top: int = 10, console: Console | None = None) -> None:
    """Print the ``top`` lines of ``ranking`` with their source and a one-line test summary."""
    console = console or Console()
    shown = ranking.top(top)
    root = Path(ranking.info.get("program") or ".")
    text = _source_lines(root, set(shown.files))
    table = Table(title=f"Most suspicious lines ({ranking.method})", title_justify="left", expand=False)
    # Rank, score and location must never be squeezed out; the source text gives way instead.
    table.add_column("rank", justify="right", no_wrap=True, min_width=4)
    table.add_column("score", justify="right", no_wrap=True, min_width=6)
    table.add_column("location", style="cyan", no_wrap=True, min_width=12)
    loc_width = max([12] + [len(f"{f}:{n}") for f, n in zip(shown.files, shown.lines, strict=True)])
    room = max(20, console.width - loc_width - 4 - 8 - 13)  # 13: borders and padding of four columns
    table.add_column("source", overflow="ellipsis", no_wrap=True, max_width=room)
    best = float(ranking.scores[0]) if len(ranking) else 0.0
    for f, n, s, k in zip(shown.files, shown.lines, shown.scores, shown.ranks, strict=True):
        lines = text.get(str(f), [])
        src = lines[n - 1].strip() if 0 < n <= len(lines) else ""
        style = "bold red" if s == best and s > 0 else ""
        # Text, not str: a file name such as "[/x].py" is not rich markup
        table.add_row(str(k), f"{s:.4g}", Text(f"{f}:{n}"), Text(src, style=style))
    console.print(table)
    t = ranking.info.get("tests", {})
    if t:
        parts = [
            f"{t.get(k, 0)} {k}"
            for k in ("failed", "error", "timeout", "crashed", "passed", "skipped")
            if t.get(k)
        ]
        console.print(f"{t.get('total', 0)} tests: " + ", ".join(parts))
    for w in ranking.info.get("warnings", []):
        console.print(f"[yellow]warning:[/yellow] {escape(str(w))}")
