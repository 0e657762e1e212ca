"""Collecting a spectrum from the pytest process that is already running (for ``pytest --tflm``).

:func:`tflm.collect.collect` runs the suite in a subprocess, in a scratch copy, with limits. Inside a user's
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

from tflm.collect.runner import RunResult, _EventReader, absorb
from tflm.source import SourceFile
from tflm.spectrum import Spectrum

_ENV = (
    "TFLM_OUT",
    "TFLM_FILES",
    "TFLM_ROOTS",
    "TFLM_BACKEND",
    "TFLM_TIMEOUT",
    "TFLM_COVDATA",
    "TFLM_DESELECT",
)


def _backend() -> str:
    if sys.version_info >= (3, 12):
        return "sysmon"
    try:
        importlib.import_module("coverage")
    except ImportError:
        return "settrace"
    return "coverage"


class InProcessCollector:
    """Record a spectrum of the current pytest session.

    Parameters
    ----------
    root : path
        The project root (pytest's rootdir).
    include, omit : sequence of str, optional
        Which files count as source, as for :func:`tflm.collect.collect`.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        include: Sequence[str] | None = None,
        omit: Sequence[str] | None = None,
    ) -> None:
        from tflm.collect import _parse_sources, find_sources  # the same discovery as a subprocess run

        self.root = Path(root).resolve()
        self.sources: dict[str, SourceFile]
        # an unreadable file is left out (and named if none is left)
        self.sources, self._source_warnings = _parse_sources(
            self.root, find_sources(self.root, include, omit)
        )
        self._tmp = tempfile.TemporaryDirectory(prefix="tflm-pytest-")
        self.events = Path(self._tmp.name) / "events.jsonl"
        self.backend = _backend()

    def plugin(self) -> Any:
        """The collector plugin module, configured through the environment for this process only."""
        saved = {k: os.environ.get(k) for k in _ENV}
        os.environ.update(
            TFLM_OUT=str(self.events),
            TFLM_FILES=json.dumps([str(self.root / r) for r in sorted(self.sources)]),
            TFLM_ROOTS=json.dumps([str(self.root)]),
            TFLM_BACKEND=self.backend,
            TFLM_TIMEOUT="0",
            TFLM_COVDATA=str(Path(self._tmp.name) / "coverage"),
        )
        self._saved_env = saved
        return importlib.import_module("tflm.collect.plugin")

    def restore_env(self) -> None:
        """Put back the environment once the plugin has read it (the tests' subprocesses must not see it)."""
        for key, value in getattr(self, "_saved_env", {}).items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def spectrum(self) -> Spectrum:
        """The spectrum of everything the session ran so far."""
        from tflm.collect import _build, _usable  # the same assembly as a subprocess run

        _usable(self.root, self.sources, self._source_warnings)
        result = RunResult()
        for ev in _EventReader(self.events).read():
            absorb(result, ev)
        spectrum = _build(self.root, [str(self.root)], self.sources, result)
        spectrum.meta.update(
            backend=self.backend, python=".".join(map(str, sys.version_info[:3])), warnings=[]
        )
        return spectrum

    def close(self) -> None:
        self._tmp.cleanup()
