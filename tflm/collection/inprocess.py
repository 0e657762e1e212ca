"""Collecting a spectrum from the pytest process that is already running (for ``pytest --tflm``).

:func:`tflm.collect` runs the suite in a subprocess, in a scratch copy, with limits. Inside a user's
own ``pytest`` run there is no second run to make: the same collector plugin is registered into the running
session instead, with no per-test timeout and no ``os._exit`` or signal handling of ours that could change an
outcome. Its event stream goes to a temporary file and becomes a :class:`~tflm.spectrum.Spectrum` at the end.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tflm.collection.assemble import build_spectrum, check_sources, parse_sources
from tflm.collection.files import find_sources
from tflm.collection.interpreter import choose_backend, probe
from tflm.collection.runner import EventReader, RunResult, absorb
from tflm.source import SourceFile
from tflm.spectrum import Spectrum


class InProcessCollector:
    """Record a spectrum of the current pytest session.

    Parameters
    ----------
    root : path
        The project root (pytest's rootdir).
    include, omit : sequence of str, optional
        Which files count as source, as for :func:`tflm.collect`.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        include: Sequence[str] | None = None,
        omit: Sequence[str] | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.sources: dict[str, SourceFile]
        # an unreadable file is left out (and named if none is left)
        self.sources, self._source_warnings = parse_sources(self.root, find_sources(self.root, include, omit))
        self._tmp = tempfile.TemporaryDirectory(prefix="tflm-pytest-")
        self.events = Path(self._tmp.name) / "events.jsonl"
        self.backend = choose_backend(probe())  # the running interpreter answers for itself

    def plugin(self) -> Any:
        """The collector plugin module, configured for this session (the environment is left alone: the
        tests' subprocesses must not see the collector's settings)."""
        plugin = importlib.import_module("tflm.collection.plugin")
        plugin.use(
            {
                "TFLM_OUT": str(self.events),
                "TFLM_FILES": json.dumps([str(self.root / r) for r in sorted(self.sources)]),
                "TFLM_ROOTS": json.dumps([str(self.root)]),
                "TFLM_BACKEND": self.backend,
                "TFLM_TIMEOUT": "0",
                "TFLM_COVDATA": str(Path(self._tmp.name) / "coverage"),
            }
        )
        return plugin

    def spectrum(self) -> Spectrum:
        """The spectrum of everything the session ran so far."""
        check_sources(self.root, self.sources, self._source_warnings)
        result = RunResult()
        for ev in EventReader(self.events).read():
            absorb(result, ev)
        spectrum = build_spectrum(self.root, [str(self.root)], self.sources, result)
        spectrum.meta.update(
            backend=self.backend, python=".".join(map(str, sys.version_info[:3])), warnings=[]
        )
        return spectrum

    def close(self) -> None:
        self._tmp.cleanup()
