"""``tflm`` command line: subcommands mirror the Python API (``tflm.collect``, ``tflm.localize``).

Exit codes: 0 success, 2 bad input or a failed run (message on stderr), 3 nothing to localize (no test, or
no failing test), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tflm import __version__
from tflm.collect import BACKENDS, collect
from tflm.errors import TflmError
from tflm.features.sbfl import RANKING_FORMULAS
from tflm.localize import rank_spectrum
from tflm.report import print_ranking, ranking_to_dict


def _add_collect_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("root", help="project root (pytest runs from a scratch copy of it)")
    p.add_argument(
        "--tests",
        default="",
        metavar="ARGS",
        help="pytest arguments selecting tests, as one string, e.g. 'tests/test_x.py -k fast'",
    )
    p.add_argument(
        "--source",
        action="append",
        metavar="GLOB",
        help="gitignore-style pattern of files that count as source (repeatable; default '*.py')",
    )
    p.add_argument(
        "--omit",
        action="append",
        metavar="GLOB",
        help="pattern of files that do not count (repeatable; default: tests, conftest, setup.py)",
    )
    p.add_argument(
        "--python", metavar="PATH", help="interpreter of the target's environment (default: this one)"
    )
    p.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS", help="per-test time limit (60)")
    p.add_argument(
        "--total-timeout",
        type=float,
        default=3600.0,
        metavar="SECONDS",
        help="time limit for the whole run (3600)",
    )
    p.add_argument(
        "--memory",
        type=int,
        default=4096,
        metavar="MB",
        help="address-space limit of the test process in MiB (4096; 0 for none)",
    )
    p.add_argument(
        "--backend",
        choices=BACKENDS,
        default="auto",
        help="line tracer: sysmon (3.12+), coverage (ctrace) or settrace (auto)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tflm", description="Probabilistic fault localization for Python.")
    parser.add_argument("--version", action="version", version=f"tflm {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sub = parser.add_subparsers(dest="command", required=True)

    loc = sub.add_parser("localize", help="run the tests and rank the lines most likely to hold the bug")
    _add_collect_args(loc)
    loc.add_argument("--formula", default="ochiai", choices=RANKING_FORMULAS, help="SBFL formula (ochiai)")
    loc.add_argument(
        "--top",
        type=int,
        default=None,
        metavar="N",
        help="lines to show (table: 10; --json: all unless given)",
    )
    loc.add_argument("--json", action="store_true", help="print the ranking as JSON (schema tflm.localize/1)")

    col = sub.add_parser("collect", help="run the tests and save the spectrum (coverage matrix and outcomes)")
    _add_collect_args(col)
    col.add_argument("--out", required=True, metavar="FILE", help="where to write the spectrum (.npz)")
    return parser


@contextmanager
def _progress(enabled: bool):
    """A rich progress bar on stderr, or a no-op callback when quiet or not a terminal."""
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("running tests"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("tests", total=None)

        def update(done: int, total: int | None, current: str | None) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _collect_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "tests": args.tests,
        "include": args.source,
        "omit": args.omit,
        "python": args.python,
        "test_timeout": args.timeout or None,
        "total_timeout": args.total_timeout or None,
        "memory_limit": args.memory * 1024**2 if args.memory else None,
        "backend": args.backend,
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    err = Console(stderr=True)
    try:
        with _progress(not args.quiet) as progress:
            spectrum = collect(args.root, progress=progress, **_collect_kwargs(args))
        if args.command == "collect":
            spectrum.save(args.out)
            counts = spectrum.outcome_counts()
            err.print(
                f"saved {spectrum.n_tests} tests × {spectrum.n_lines} lines "
                f"({counts['failing']} failing) to {args.out}"
            )
            return 0
        ranking = rank_spectrum(spectrum, args.formula)
        if args.json:
            json.dump(ranking_to_dict(ranking, args.top), sys.stdout, indent=2)
            sys.stdout.write("\n")
        else:
            print_ranking(ranking, top=args.top or 10, console=Console())
        return 0
    except TflmError as exc:
        err.print(f"[bold red]tflm:[/bold red] {escape(str(exc))}", highlight=False)
        return exc.exit_code
    except KeyboardInterrupt:
        err.print("tflm: interrupted")
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
