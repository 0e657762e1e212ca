"""``pytest --tflm``: localize the bug at the end of an ordinary test run.

The suite runs once, as usual, with line collection on; when tests fail, the session ends with the most
suspicious lines, and optionally a JSON ranking and an HTML report. Outcomes and the exit status are never
touched: if localization itself fails, it says so in one line and the run ends as it would have.

Registered through the ``pytest11`` entry point, so it is imported by every pytest in an environment where
tflm is installed; it therefore imports nothing heavy until ``--tflm`` is given.
"""

from __future__ import annotations

from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tflm", "fault localization (tflm)")
    group.addoption("--tflm", action="store_true", help="rank the lines most likely to hold the bug")
    group.addoption("--tflm-top", type=int, default=10, metavar="N", help="lines to print (10)")
    group.addoption("--tflm-json", metavar="PATH", help="write the ranking as JSON (schema tflm.localize/1)")
    group.addoption("--tflm-html", metavar="PATH", help="write the HTML report")
    group.addoption("--tflm-formula", metavar="NAME", help="rank by an SBFL formula instead of the model")
    group.addoption("--tflm-model", metavar="PATH", help="TFLM model file (default: the shipped one)")
    group.addoption("--tflm-source", action="append", metavar="GLOB", help="files that count as source")
    group.addoption("--tflm-omit", action="append", metavar="GLOB", help="files that do not count")


_KEY = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("tflm") or hasattr(config, "workerinput"):
        return
    if config.pluginmanager.hasplugin("xdist") and config.getoption("numprocesses", None):
        config.issue_config_time_warning(
            pytest.PytestWarning("tflm: per-test coverage needs the tests in one process; run with -n 0"), 2
        )
        return
    from tflm.collection.inprocess import InProcessCollector

    collector = InProcessCollector(
        config.rootpath, config.getoption("tflm_source"), config.getoption("tflm_omit")
    )
    config.stash[_KEY] = collector
    config.pluginmanager.register(collector.plugin(), "tflm-collector")


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    collector = config.stash.get(_KEY, None)
    if collector is None:
        return
    write = terminalreporter.write_line
    terminalreporter.section("tflm")
    try:
        _report(collector, config, write)
    except Exception as exc:  # noqa: BLE001 - localization must never change the run's outcome
        write(f"tflm: could not localize: {type(exc).__name__}: {exc}")
    finally:
        collector.close()


def _report(collector: Any, config: pytest.Config, write: Any) -> None:
    import json

    from tflm.errors import TflmError
    from tflm.features.table import line_table
    from tflm.localization import rank_spectrum
    from tflm.report.html import write_html
    from tflm.report.json_report import ranking_to_dict

    try:
        spectrum = collector.spectrum()
    except TflmError as exc:
        write(f"tflm: {exc}")
        return
    counts = spectrum.outcome_counts()
    if counts["failing"] == 0:
        write(f"tflm: no failing test among {counts['total']}: nothing to localize")
        return
    table = line_table(spectrum)
    try:
        ranking = rank_spectrum(
            spectrum, config.getoption("tflm_formula"), model=config.getoption("tflm_model"), table=table
        )
    except (TflmError, ValueError) as exc:
        write(f"tflm: {exc}")
        return
    top = config.getoption("tflm_top")
    write(
        f"most suspicious lines ({ranking.method}), {counts['failing']} failing of {counts['total']} tests:"
    )
    for f, n, s, r in zip(
        *(x[:top] for x in (ranking.files, ranking.lines, ranking.scores, ranking.ranks)), strict=True
    ):
        text = spectrum.sources.get(str(f), "").splitlines()
        src = text[n - 1].strip() if 0 < n <= len(text) else ""
        write(f"  {r:>3}  {s:10.4g}  {f}:{n}  {src[:70]}")
    if config.getoption("tflm_json"):
        with open(config.getoption("tflm_json"), "w", encoding="utf-8") as fh:
            json.dump(ranking_to_dict(ranking), fh, indent=2)
        write(f"tflm: wrote {config.getoption('tflm_json')}")
    if config.getoption("tflm_html"):
        write_html(config.getoption("tflm_html"), spectrum, ranking, table)
        write(f"tflm: wrote {config.getoption('tflm_html')}")
