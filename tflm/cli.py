"""``tflm`` command line: subcommands mirror the Python API (``tflm.collect``, ``tflm.localize``).

Exit codes: 0 success, 2 bad input or a failed run (message on stderr), 3 nothing to localize (no test, or
no failing test), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from tflm.collect.interpreter import BACKENDS
from tflm.errors import TflmError

# Everything else (rich, numpy, pandas, the model) is imported by the command that needs it: `tflm
# --version` and `tflm collect` should not pay for the model's stack.
if TYPE_CHECKING:
    from tflm.spectrum import Spectrum

#: ``tflm.features.sbfl.RANKING_FORMULAS``, spelled out so that building the parser imports no numpy
#: (a test keeps the two equal).
FORMULA_CHOICES = ("tarantula", "ochiai", "dstar", "op2", "jaccard", "gp13", "barinel")


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


def _file_line(text: str) -> tuple[str, int]:
    file, sep, line = text.rpartition(":")
    if not sep or not file or not line.isdigit():
        raise argparse.ArgumentTypeError(f"expected FILE:LINE, got {text!r}")
    return file, int(line)


def _fit(args: argparse.Namespace) -> int:
    from rich.console import Console

    from tflm.corpora.extract import load_dataset
    from tflm.model import TFLM

    data = load_dataset(args.dataset)
    if data.empty:
        raise TflmError(f"{args.dataset}: the dataset holds no successfully extracted bug")
    model = TFLM(
        n_program_clusters=args.program_clusters,
        n_function_clusters=args.function_clusters,
        min_instances=args.min_instances,
        n_estimators=args.n_estimators,
        smoothing=args.smoothing,
        branch_share=args.branch_share,
        objective=args.objective,
        random_state=args.seed,
    )
    listwise = {
        "l2": args.l2,
        "max_iter": args.max_iter,
        "listwise_params": args.listwise_params,
        "listwise_programs": args.listwise_programs or None,
    }
    model.set_params(**{k: v for k, v in listwise.items() if v is not None or k == "listwise_programs"})
    with _progress(not args.quiet, "learning the model") as progress:
        model.fit(data, progress=(lambda done, total: progress(done, total, None)) if progress else None)
    model.save(args.out)
    info = model.fit_info_
    Console(stderr=True).print(
        f"saved {args.out}: {info['programs']} programs, {info['lines']} lines "
        f"({info['faulty_lines']} faulty), {info['size']} nodes, fitted in {info['seconds']} s"
    )
    return 0


def _add_rank_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--formula", choices=FORMULA_CHOICES, help="rank by this SBFL formula instead of the model"
    )
    p.add_argument("--model", metavar="PATH", help="TFLM model file (default: the model shipped with tflm)")
    p.add_argument(
        "--clean",
        action="append",
        default=[],
        type=_file_line,
        metavar="FILE:LINE",
        help="a line you inspected and found clean; the model re-ranks the rest (repeatable)",
    )
    p.add_argument(
        "--buggy",
        action="append",
        default=[],
        type=_file_line,
        metavar="FILE:LINE",
        help="a line known faulty",
    )
    p.add_argument("--bugs", type=int, metavar="K", help="condition on exactly K faulty lines (1-8)")
    p.add_argument("--in-function", metavar="NAME", help="condition on the bug being in this function")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked: importlib.metadata costs 20-200 ms,
    which every other command would pay for nothing."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version")

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from tflm import __version__

        print(f"tflm {__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tflm", description="Probabilistic fault localization for Python.")
    parser.add_argument("--version", action=_Version)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more logging (-vv for debug)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sub = parser.add_subparsers(dest="command", required=True)

    loc = sub.add_parser("localize", help="run the tests and rank the lines most likely to hold the bug")
    _add_collect_args(loc)
    _add_rank_args(loc)
    loc.add_argument(
        "--top",
        type=int,
        default=None,
        metavar="N",
        help="lines to show (table: 10; --json: all unless given)",
    )
    loc.add_argument("--json", action="store_true", help="print the ranking as JSON (schema tflm.localize/1)")

    rep = sub.add_parser("report", help="rank and report a spectrum saved by `tflm collect`")
    rep.add_argument("spectrum", help="spectrum file (.npz) written by tflm collect --out")
    _add_rank_args(rep)
    rep.add_argument("--top", type=int, default=None, metavar="N", help="lines to show (10)")
    rep.add_argument("--json", action="store_true", help="print the ranking as JSON (schema tflm.localize/1)")

    col = sub.add_parser("collect", help="run the tests and save the spectrum (coverage matrix and outcomes)")
    _add_collect_args(col)
    col.add_argument("--out", required=True, metavar="FILE", help="where to write the spectrum (.npz)")

    fit = sub.add_parser("fit", help="train a TFLM on an extracted dataset (tflm corpus extract)")
    fit.add_argument("dataset", help="dataset folder written by tflm corpus extract")
    fit.add_argument("--out", required=True, metavar="MODEL", help="where to write the model (.npz)")
    fit.add_argument("--program-clusters", type=int, default=2, help="Program mixture components (2)")
    fit.add_argument(
        "--function-clusters", type=int, default=3, help="Function components per program one (3)"
    )
    fit.add_argument("--min-instances", type=int, default=20000, help="LearnSPN minimum cluster size (20000)")
    fit.add_argument(
        "--n-estimators", type=int, default=3, help="RSPNs in the ensemble, each with its own seed (3)"
    )
    fit.add_argument(
        "--smoothing", type=float, default=5.0, help="pseudo-count of the discrete and histogram leaves (5)"
    )
    fit.add_argument(
        "--branch-share",
        type=float,
        default=0.2,
        help="cluster cap inside each label branch, as a share (0.2)",
    )
    fit.add_argument(
        "--objective",
        choices=("generative", "listwise"),
        default="generative",
        help="generative: LearnRSPN's maximum-likelihood fit (default); listwise: then re-fit the "
        "parameters to rank each training program's bug first",
    )
    fit.add_argument("--l2", type=float, help="listwise: pull toward the generative parameters")
    fit.add_argument("--max-iter", type=int, help="listwise: L-BFGS iterations")
    fit.add_argument("--listwise-params", choices=("all", "weights"), help="listwise: which parameters")
    fit.add_argument(
        "--listwise-programs", type=int, default=600, help="listwise: programs sampled for training (0: all)"
    )
    fit.add_argument("--seed", type=int, default=0)

    corpus = sub.add_parser("corpus", help="bug corpora: generate, inspect, extract")
    csub = corpus.add_subparsers(dest="corpus_command", required=True)
    gen = csub.add_parser(
        "generate", help="sample mutants of each base, keep the real bugs, write manifest.json"
    )
    gen.add_argument("corpus", help="native corpus folder")
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--per-base", type=int, default=55, help="single-fault candidates per base (55)")
    gen.add_argument("--multi-per-base", type=int, default=8, help="multi-fault candidates per base (8)")
    gen.add_argument("--workers", type=int, default=2)
    gen.add_argument(
        "--mix",
        choices=("uniform", "real"),
        default="uniform",
        help="operator mix: round-robin over the legacy operators, or real-bug fix-pattern weights (uniform)",
    )
    gen.add_argument(
        "--append",
        metavar="NAME",
        help="add a batch of new bugs (ids BASE/NAME-s001...) to the existing manifest, keeping every bug",
    )
    ext = csub.add_parser("extract", help="collect every bug; cache spectra and line tables (resumable)")
    ext.add_argument("corpus", help="native corpus folder, QuixBugs checkout or BugsInPy checkout")
    ext.add_argument("--out", required=True, metavar="DIR", help="dataset folder (created or resumed)")
    ext.add_argument("--workers", type=int, default=2, help="local worker processes (2)")
    ext.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask distributed scheduler, e.g. tcp://host:8786"
    )
    ext.add_argument("--retry-failed", action="store_true", help="run again the bugs recorded as failed")
    ext.add_argument(
        "--checkout",
        action="append",
        default=[],
        metavar="NAME/N=PATH",
        help="BugsInPy: the project checked out at bug NAME/N's buggy commit (repeatable)",
    )
    ext.add_argument(
        "--python", metavar="PATH", help="QuixBugs/BugsInPy: interpreter of the test environment"
    )
    ext.add_argument("--timeout", type=float, metavar="SECONDS", help="QuixBugs/BugsInPy: per-test limit")
    stats = csub.add_parser("stats", help="bases, bugs per operator, single vs multi, lines")
    stats.add_argument("corpus", help="native corpus folder")
    stats.add_argument("--json", action="store_true", help="print the numbers as JSON")
    return parser


@contextmanager
def _progress(enabled: bool, label: str = "running tests"):
    """A rich progress bar on stderr, or a no-op callback when quiet or not a terminal."""
    if not enabled:  # decided before importing rich: `tflm -q collect` should not pay for it
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int | None, *_: object) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _corpus(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from tflm.corpora.generate import generate
    from tflm.corpora.native import NativeCorpus
    from tflm.corpora.stats import corpus_stats

    out = Console()
    if args.corpus_command == "generate":
        with _progress(not args.quiet, "checking mutants") as progress:
            m = generate(
                args.corpus,
                seed=args.seed,
                per_base=args.per_base,
                multi_per_base=args.multi_per_base,
                workers=args.workers,
                progress=progress,
                mix=args.mix,
                append=args.append,
            )
        batch = m["batches"][-1]
        prefix = f"{batch['name']}-" if batch["name"] else ""
        new = [b for b in m["bugs"] if b["id"].split("/", 1)[1].startswith(prefix)] if prefix else m["bugs"]
        kinds = {k: sum(b["kind"] == k for b in new) for k in ("single", "multi")}
        out.print(
            f"kept {kinds['single']} single-fault and {kinds['multi']} multi-fault bugs "
            f"of {batch['candidates']}; dropped {batch['dropped']}"
        )
        return 0
    if args.corpus_command == "extract":
        from tflm.corpora import open_corpus
        from tflm.corpora.extract import extract

        bad = [c for c in args.checkout if "=" not in c]
        if bad:
            raise TflmError(f"--checkout takes NAME/N=PATH, got {bad[0]!r}")
        checkouts = dict(c.split("=", 1) for c in args.checkout)
        source = open_corpus(args.corpus, checkouts=checkouts, python=args.python, test_timeout=args.timeout)
        with _progress(not args.quiet, "extracting bugs") as progress:
            index = extract(
                source,
                args.out,
                workers=args.workers,
                scheduler=args.scheduler,
                retry_failed=args.retry_failed,
                progress=progress,
            )
        failed = index[index["status"] == "failed"]
        out.print(f"{len(index) - len(failed)} bugs extracted to {args.out}, {len(failed)} failed")
        for _, row in failed.head(20).iterrows():
            out.print(f"  [yellow]failed[/yellow] {row['id']}: {escape(row['error'])}")
        return 0
    st = corpus_stats(NativeCorpus(args.corpus))
    if args.json:
        json.dump({k: v for k, v in st.items() if k != "table"}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    out.print(f"bases: {st['bases']}  ({', '.join(f'{k} {v}' for k, v in st['per_category'].items())})")
    out.print(f"bugs: {st['bugs']}  (single-fault {st['single']}, multi-fault {st['multi']})")
    lo, med, hi = st["lines_per_base"]
    out.print(
        f"lines: {st['lines']} source lines, {st['statements']} statements; per base {lo}-{hi} (median {med})"
    )
    out.print("single-fault bugs per operator:")
    table = Table()
    table.add_column("operator")
    table.add_column("bugs", justify="right")
    for op, n in st["per_operator"].items():
        table.add_row(op, str(n))
    out.print(table)
    out.print(f"candidates checked: {st['candidates']}; dropped: {st['dropped'] or 'none'}")
    return 0


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


def _show(args: argparse.Namespace, spectrum: Spectrum) -> int:
    """Rank a spectrum as the options say; print it (table or JSON) and write the HTML report if asked."""
    from rich.console import Console

    from tflm.features.table import line_table
    from tflm.localize import rank_spectrum
    from tflm.report import print_ranking, ranking_to_dict
    from tflm.report.html import write_html

    table = line_table(spectrum)
    try:
        ranking = rank_spectrum(
            spectrum,
            args.formula,
            model=args.model,
            clean=args.clean,
            buggy=args.buggy,
            bugs=args.bugs,
            in_function=args.in_function,
            table=table,
        )
    except ValueError as exc:  # a feedback line or option that does not fit this program
        raise TflmError(str(exc)) from None
    if args.json:
        json.dump(ranking_to_dict(ranking, args.top), sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        print_ranking(ranking, top=args.top or 10, console=Console())
    if args.html:
        write_html(args.html, spectrum, ranking, table)
        Console(stderr=True).print(f"wrote {args.html}")
    return 0


def main(argv: Sequence[str] | None = None, *, exit_quickly: bool = False) -> int:
    """Run the command line; returns the exit code.

    With ``exit_quickly`` (the ``tflm`` and ``python -m tflm`` entry points), the commands that run tests
    and rank end the process themselves once their output is flushed, rather than returning: freeing
    numpy, scipy and pandas at interpreter shutdown takes about 0.1 s that nobody waits for.
    """
    args = _parser().parse_args(argv)
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    code = _run(args)
    if exit_quickly and args.command in ("collect", "localize", "report"):
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """Flush what the command printed and end the process without interpreter shutdown."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`tflm ... | head`): nothing more can be said
            code = code or 1
    logging.shutdown()
    os._exit(code)


def run() -> None:
    """The ``tflm`` console script."""
    sys.exit(main(exit_quickly=True))


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "corpus":
            return _corpus(args)
        if args.command == "fit":
            return _fit(args)
        if args.command == "report":
            from tflm.spectrum import Spectrum

            return _show(args, Spectrum.load(args.spectrum))
        from tflm.collect import collect

        with _progress(not args.quiet) as progress:
            spectrum = collect(args.root, progress=progress, **_collect_kwargs(args))
        if args.command == "collect":
            spectrum.save(args.out)
            counts = spectrum.outcome_counts()
            # a plain line: collecting needs nothing else from rich
            print(
                f"saved {spectrum.n_tests} tests × {spectrum.n_lines} lines "
                f"({counts['failing']} failing) to {args.out}",
                file=sys.stderr,
            )
            return 0
        return _show(args, spectrum)
    except TflmError as exc:
        from rich.console import Console
        from rich.markup import escape

        Console(stderr=True).print(f"[bold red]tflm:[/bold red] {escape(str(exc))}", highlight=False)
        return exc.exit_code
    except KeyboardInterrupt:
        print("tflm: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
