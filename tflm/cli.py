"""``tflm`` command line: subcommands mirror the Python API (``tflm.collect``, ``tflm.localize``).

Exit codes: 0 success, 2 bad input or a failed run (message on stderr), 3 nothing to localize (no test, or
no failing test), 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import shlex
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tflm.collection.interpreter import BACKENDS
from tflm.errors import TflmError

# Everything else (rich, numpy, pandas, the model) is imported by the command that needs it: `tflm
# --version` and `tflm collect` should not pay for the model's stack.
if TYPE_CHECKING:
    from tflm.spectrum import Spectrum

#: ``tflm.features.sbfl.RANKING_FORMULAS``, spelled out so that building the parser imports no numpy
#: (a test keeps the two equal).
FORMULA_CHOICES = ("tarantula", "ochiai", "dstar", "op2", "jaccard", "gp13", "barinel")
#: ``tflm.rspn.inference.MAX_BUGS``: the most faulty lines ``--bugs`` can condition on
#: (a test keeps them equal).
MAX_BUGS = 8
# setrlimit takes a signed 64-bit byte count: --memory stays below 2**63 bytes.
_MAX_MEMORY_MB = 2**40
# Files an output may never replace: writing a zip or a report over code destroys the user's program.
_SOURCE_SUFFIXES = frozenset({".py", ".pyi", ".pyw"})
# Inside a project, outputs may replace only files that look like earlier outputs of the same kind.
_OUTPUT_SUFFIXES = {"spectrum": (".npz",), "HTML report": (".html", ".htm"), "model": (".npz",)}


# ---- argparse types: a bad value is one `error: argument --x: ...` line and exit code 2, before any work
def _integer(low: int, high: int | None = None, what: str | None = None) -> Callable[[str], int]:
    """An argparse type accepting integers in ``[low, high]``; ``what`` describes them in errors."""
    if what is None:
        what = {0: "an integer >= 0", 1: "a positive integer"}.get(low, f"an integer >= {low}")
        if high is not None:
            what = f"an integer between {low} and {high}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return value

    return parse


def _real(low: float, high: float = math.inf, *, above: bool = False, what: str) -> Callable[[str], float]:
    """An argparse type accepting finite numbers from ``low`` (excluded if ``above``) to ``high``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        low_ok = value > low if above else value >= low
        if not (math.isfinite(value) and low_ok and value <= high):
            raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}")
        return value

    return parse


def _pytest_args(text: str) -> list[str]:
    """``--tests``: split with shell rules, as pytest would receive the words."""
    try:
        return shlex.split(text)
    except ValueError as exc:  # an unclosed quote
        raise argparse.ArgumentTypeError(f"cannot split {text!r} into pytest arguments: {exc}") from None


def _hard_memory_mb() -> int | None:
    """The hard address-space limit this process runs under (``ulimit -v``), in MiB; None if unlimited."""
    import resource

    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    return None if hard == resource.RLIM_INFINITY else hard // 1024**2


def _memory_mb(text: str) -> int:
    """``--memory``: MiB >= 0, and no more than the hard limit, which the test process could not raise."""
    value = _integer(0, _MAX_MEMORY_MB, what="a size in MiB >= 0 (0 for no limit)")(text)
    hard = _hard_memory_mb()
    if hard is not None and value > hard:
        raise argparse.ArgumentTypeError(f"{value} MiB is above the hard limit of {hard} MiB (ulimit -v)")
    return value


_SECONDS_OR_NONE = _real(0, what="a number of seconds >= 0 (0 for no limit)")
_SEED = _integer(0, what="a seed >= 0")
_WORKERS = _integer(1, what="a number of workers >= 1")


def _add_collect_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("root", help="project root (pytest runs from a scratch copy of it)")
    p.add_argument(
        "--tests",
        type=_pytest_args,
        default=[],
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
    p.add_argument(
        "--timeout",
        type=_SECONDS_OR_NONE,
        default=60.0,
        metavar="SECONDS",
        help="per-test time limit (60; 0 for none)",
    )
    p.add_argument(
        "--total-timeout",
        type=_SECONDS_OR_NONE,
        default=3600.0,
        metavar="SECONDS",
        help="time limit for the whole run (3600; 0 for none)",
    )
    p.add_argument(
        "--memory",
        type=_memory_mb,
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


def _check_output(path: str, what: str, root: str | None = None) -> None:
    """Refuse, before any work, an output file that could not be written or whose writing would destroy
    the user's files: failing at the end would lose the whole run.

    Parameters
    ----------
    path : str
        The output file as given.
    what : str
        What goes there (a key of ``_OUTPUT_SUFFIXES``), for the message.
    root : str, optional
        The project root: an existing file under it may be replaced only if it looks like an earlier
        output of the same kind (``spec.npz``, ``report.html``), never the project's own files.

    Raises
    ------
    TflmError
        With a one-line reason.
    """
    real = Path(os.path.realpath(path))  # writing follows symlinks: check where the bytes would land
    problem = None
    if real.is_dir():
        problem = "it is a directory"
    elif real.suffix.lower() in _SOURCE_SUFFIXES:
        leads = "" if real == Path(path).absolute() else f" (it leads to {real})"
        problem = f"refusing to write over Python source{leads}"
    elif real.exists() and not real.is_file():
        problem = "it is not a regular file"
    elif not real.parent.is_dir():
        problem = f"no such directory: {real.parent}"
    elif not os.access(real.parent, os.W_OK | os.X_OK) or (real.exists() and not os.access(real, os.W_OK)):
        problem = "permission denied"
    elif root is not None and real.exists() and real.suffix.lower() not in _OUTPUT_SUFFIXES[what]:
        project = Path(os.path.realpath(root))
        if project in real.parents:
            problem = f"refusing to replace {real.relative_to(project).as_posix()}, a file of the project"
    if problem:
        raise TflmError(f"cannot write the {what} to {path}: {problem}")


def _check_output_dir(path: str, what: str) -> None:
    """Refuse, before any work, an output folder that exists as a file or cannot be created or written."""
    real = Path(os.path.realpath(path))
    if real.exists() and not real.is_dir():
        raise TflmError(f"cannot write the {what} to {path}: it exists and is not a directory")
    base = real
    while not base.exists():  # the folder and its missing parents are created: the first existing one counts
        base = base.parent
    if not base.is_dir() or not os.access(base, os.W_OK | os.X_OK):
        raise TflmError(f"cannot write the {what} to {path}: {base} is not a writable directory")


def _check_model(path: str | None) -> None:
    """A missing ``--model`` should stop ``localize`` before the tests run, not after."""
    if path is not None and not os.path.isfile(path):
        raise TflmError(f"{path}: no such model file")


def _file_line(text: str) -> tuple[str, int]:
    file, sep, line = text.rpartition(":")
    if not sep or not file or not line.isdigit():
        raise argparse.ArgumentTypeError(f"expected FILE:LINE, got {text!r}")
    return file, int(line)


def _fit(args: argparse.Namespace) -> int:
    from rich.console import Console

    from tflm.corpora.extract import load_dataset
    from tflm.model import TFLM

    _check_output(args.out, "model")
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


#: The feedback options: each a repeatable FILE:LINE, told apart only by the verdict on the line.
_FEEDBACK_HELP = {
    "--clean": "a line you inspected and found clean; the model re-ranks the rest (repeatable)",
    "--buggy": "a line known faulty",
}


def _add_rank_args(p: argparse.ArgumentParser) -> None:
    """The options of the commands that rank and show a spectrum (``localize``, ``report``): both end in
    :func:`_show`, so they take the same ones."""
    p.add_argument(
        "--formula", choices=FORMULA_CHOICES, help="rank by this SBFL formula instead of the model"
    )
    p.add_argument("--model", metavar="PATH", help="TFLM model file (default: the model shipped with tflm)")
    for flag, text in _FEEDBACK_HELP.items():
        p.add_argument(flag, action="append", default=[], type=_file_line, metavar="FILE:LINE", help=text)
    p.add_argument(
        "--bugs",
        type=_integer(1, MAX_BUGS),
        metavar="K",
        help=f"condition on exactly K faulty lines (1-{MAX_BUGS})",
    )
    p.add_argument("--in-function", metavar="NAME", help="condition on the bug being in this function")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")
    p.add_argument(
        "--top",
        type=_integer(1),
        default=None,
        metavar="N",
        help="lines to show (table: 10; --json: all unless given)",
    )
    p.add_argument("--json", action="store_true", help="print the ranking as JSON (schema tflm.localize/1)")


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

    rep = sub.add_parser("report", help="rank and report a spectrum saved by `tflm collect`")
    rep.add_argument("spectrum", help="spectrum file (.npz) written by tflm collect --out")
    _add_rank_args(rep)

    col = sub.add_parser("collect", help="run the tests and save the spectrum (coverage matrix and outcomes)")
    _add_collect_args(col)
    col.add_argument("--out", required=True, metavar="FILE", help="where to write the spectrum (.npz)")

    fit = sub.add_parser("fit", help="train a TFLM on an extracted dataset (tflm corpus extract)")
    fit.add_argument("dataset", help="dataset folder written by tflm corpus extract")
    fit.add_argument("--out", required=True, metavar="MODEL", help="where to write the model (.npz)")
    fit.add_argument("--program-clusters", type=_integer(1), default=2, help="Program mixture components (2)")
    fit.add_argument(
        "--function-clusters", type=_integer(1), default=3, help="Function components per program one (3)"
    )
    fit.add_argument(
        "--min-instances", type=_integer(1), default=20000, help="LearnSPN minimum cluster size (20000)"
    )
    fit.add_argument(
        "--n-estimators",
        type=_integer(1),
        default=3,
        help="RSPNs in the ensemble, each with its own seed (3)",
    )
    fit.add_argument(
        "--smoothing",
        type=_real(0, above=True, what="a positive number"),
        default=5.0,
        help="pseudo-count of the discrete and histogram leaves (5)",
    )
    fit.add_argument(
        "--branch-share",
        type=_real(0, 1, above=True, what="a share in (0, 1]"),
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
    fit.add_argument(
        "--l2",
        type=_real(0, what="a number >= 0"),
        help="listwise: pull toward the generative parameters",
    )
    fit.add_argument("--max-iter", type=_integer(0), help="listwise: L-BFGS iterations")
    fit.add_argument("--listwise-params", choices=("all", "weights"), help="listwise: which parameters")
    fit.add_argument(
        "--listwise-programs",
        type=_integer(0),
        default=600,
        help="listwise: programs sampled for training (0: all)",
    )
    fit.add_argument("--seed", type=_SEED, default=0)

    corpus = sub.add_parser("corpus", help="bug corpora: generate, inspect, extract, fetch PyPI projects")
    csub = corpus.add_subparsers(dest="corpus_command", required=True)
    gen = csub.add_parser(
        "generate", help="sample mutants of each base, keep the real bugs, write manifest.json"
    )
    gen.add_argument("corpus", help="native corpus folder")
    gen.add_argument("--seed", type=_SEED, default=0)
    gen.add_argument("--per-base", type=_integer(0), default=55, help="single-fault candidates per base (55)")
    gen.add_argument(
        "--multi-per-base", type=_integer(0), default=8, help="multi-fault candidates per base (8)"
    )
    gen.add_argument("--workers", type=_WORKERS, default=2)
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
    ext.add_argument("--workers", type=_WORKERS, default=2, help="local worker processes (2)")
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
    ext.add_argument(
        "--timeout",
        type=_real(0, above=True, what="a positive number of seconds"),
        metavar="SECONDS",
        help="QuixBugs/BugsInPy: per-test limit",
    )
    fetch = csub.add_parser(
        "pypi-fetch",
        help="download the pinned PyPI projects of a manifest, verify them and check their suites are green",
    )
    fetch.add_argument("manifest", help="PyPI corpus manifest, e.g. corpora/pypi/manifest.toml")
    fetch.add_argument(
        "--cache", metavar="DIR", help="download, venv and state folder (default $XDG_CACHE_HOME/tflm/pypi)"
    )
    fetch.add_argument("--only", nargs="+", metavar="NAME", help="check these projects only")
    fetch.add_argument("--python", metavar="PATH", help="interpreter the venvs are made from (this one)")
    fetch.add_argument(
        "--timeout",
        type=_real(0, above=True, what="a positive number of seconds"),
        default=1800.0,
        metavar="SECONDS",
        help="limit of one project's suite (1800)",
    )
    stats = csub.add_parser("stats", help="bases, bugs per operator, single vs multi, lines")
    stats.add_argument("corpus", help="native corpus folder")
    stats.add_argument("--json", action="store_true", help="print the numbers as JSON")
    return parser


def _interactive() -> bool:
    """Whether stderr is a terminal (or rich is told to treat it as one), decided without importing rich."""
    if os.environ.get("TTY_INTERACTIVE") == "0":
        return False
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_INTERACTIVE"):
        return True
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


@contextmanager
def _progress(enabled: bool, label: str = "running tests") -> Iterator[Callable[..., None] | None]:
    """A rich progress bar on stderr, or a no-op callback when quiet or not a terminal.

    rich (0.1 s to import) loads on the first update, once the work is under way: before it, the tests'
    start-up would wait for it.
    """
    if not enabled or not _interactive():
        yield None
        return
    made = threading.Lock()
    shown: list[Any] = []  # [Progress, task id] once the first update arrived

    def update(done: int, total: int | None, *_: object) -> None:
        with made:
            if not shown:
                from rich.console import Console
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                )

                columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
                bar = Progress(*columns, console=Console(stderr=True), transient=True)
                bar.start()
                shown.extend([bar, bar.add_task(label, total=None)])
        shown[0].update(shown[1], completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            shown[0].stop()


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

        _check_output_dir(args.out, "dataset")
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
            out.print(f"  [yellow]failed[/yellow] {escape(str(row['id']))}: {escape(row['error'])}")
        return 0
    if args.corpus_command == "pypi-fetch":
        return _pypi_fetch(args, out)
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


def _pypi_fetch(args: argparse.Namespace, out: Any) -> int:
    """``tflm corpus pypi-fetch``: the green check of every project, as a table; 1 unless all are green."""
    from rich.console import JustifyMethod
    from rich.markup import escape
    from rich.table import Table

    from tflm.corpora.pypi import fetch_all

    with _progress(not args.quiet, "checking projects") as progress:
        reports = fetch_all(
            args.manifest,
            args.cache,
            only=args.only,
            python=args.python,
            timeout=args.timeout,
            progress=progress,
        )
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("project", "left"),
        ("version", "left"),
        ("lines", "right"),
        ("tests", "right"),
        ("pass", "right"),
        ("fail", "right"),
        ("skip", "right"),
        ("sec", "right"),
        ("status", "left"),
    )
    table = Table()
    for name, justify in columns:
        table.add_column(name, justify=justify)
    for r in reports:
        colour = "green" if r.green else "red"
        status = f"[{colour}]{r.status}[/{colour}]" + ("*" if r.resumed else "")
        table.add_row(
            escape(r.name),
            escape(r.version),
            str(r.lines),
            str(r.collected),
            str(r.passed),
            str(r.failed + r.errors),
            str(r.skipped),
            f"{r.seconds:.1f}",
            status,
        )
    out.print(table)
    bad = [r for r in reports if not r.green]
    for r in bad:
        out.print(f"  [red]{escape(r.status)}[/red] {escape(r.name)}: {escape(r.message)}")
    resumed = sum(r.resumed for r in reports)
    note = f" ({resumed} checked before: *)" if resumed else ""
    out.print(f"{len(reports) - len(bad)} of {len(reports)} projects green{note}")
    return 1 if bad else 0


def _collect_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    memory, hard = args.memory, _hard_memory_mb()
    if memory and hard is not None:  # the default may exceed a `ulimit -v` the user set; theirs wins
        memory = min(memory, hard)
    return {
        "tests": args.tests,
        "include": args.source,
        "omit": args.omit,
        "python": args.python,
        "test_timeout": args.timeout or None,
        "total_timeout": args.total_timeout or None,
        "memory_limit": memory * 1024**2 if memory else None,
        "backend": args.backend,
    }


def _prepare_ranking(model: str | None, formula: str | None) -> threading.Thread:
    """Import the ranking and report stack and load the model in a background thread, while the tests run
    (the process only waits for them then); ranking starts at once after the run."""

    def work() -> None:
        try:
            import rich.console  # noqa: F401
            import rich.table  # noqa: F401

            import tflm.report.html  # noqa: F401
            from tflm.localization import load_model

            if formula is None:
                load_model(model)  # cached: _show's load finds it
        except Exception:  # noqa: BLE001 - _show loads again in the main thread and reports the error there
            logging.getLogger(__name__).debug("preparing the ranking failed", exc_info=True)

    thread = threading.Thread(target=work, name="tflm-prepare", daemon=True)
    thread.start()
    return thread


def _show(args: argparse.Namespace, spectrum: Spectrum) -> int:
    """Rank a spectrum as the options say; print it (table or JSON) and write the HTML report if asked."""
    from rich.console import Console

    from tflm.features.table import line_table
    from tflm.localization import rank_spectrum
    from tflm.report import print_ranking, ranking_to_dict
    from tflm.report.html import write_html

    table = line_table(spectrum)
    # A feedback line or option that does not fit this program is a TflmError: one line, exit 2.
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

            spectrum = Spectrum.load(args.spectrum)
            if args.html:
                _check_output(args.html, "HTML report", spectrum.root)
            return _show(args, spectrum)
        if args.command == "collect":
            _check_output(args.out, "spectrum", args.root)
        else:
            if args.html:
                _check_output(args.html, "HTML report", args.root)
            _check_model(args.model)
        from tflm.collection import collect

        prepared = _prepare_ranking(args.model, args.formula) if args.command == "localize" else None
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
        if prepared is not None:
            prepared.join()
        return _show(args, spectrum)
    except TflmError as exc:
        from rich.console import Console
        from rich.markup import escape

        message = f"[bold red]tflm:[/bold red] {escape(str(exc))}"
        Console(stderr=True).print(message, highlight=False, soft_wrap=True)  # one line, however long
        return exc.exit_code
    except KeyboardInterrupt:
        print("tflm: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
