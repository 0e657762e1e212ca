"""What earlier probes learned about other interpreters, kept on disk between ``tflm`` runs.

Asking a target interpreter what it has is a second Python start-up (50-70 ms) on the path of every
``tflm collect --python TARGET``: a tenth of a small suite's run. The answer only changes when the binary
does or when a package is installed or removed, and either changes a modification time: the binary's, or
that of a directory on the target's ``sys.path`` (where installers add and remove entries). So an answer is
reused while the binary's stat, those directories' modification times (or their absence) and
``PYTHONPATH`` are all as they were; anything else, including an unreadable or corrupt cache file, means
asking again. Only interpreters that can run the tests are remembered.

The file is ``$XDG_CACHE_HOME/tflm/interpreters.json`` (``~/.cache`` by default), written atomically; a
cache that cannot be written is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: Entries kept (the most recently written).
MAX_ENTRIES = 32


def cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tflm" / "interpreters.json"


def _stamp(exe: str, dirs: list[str]) -> dict[str, Any] | None:
    """What must be unchanged for a cached answer to hold (None if the binary is gone)."""
    try:
        st = os.stat(exe)
    except OSError:
        return None
    mtimes: dict[str, int | None] = {}
    for d in dirs:
        try:
            mtimes[d] = os.stat(d).st_mtime_ns
        except OSError:  # a sys.path entry that does not exist yet (a user site, say) must stay absent
            mtimes[d] = None
    return {
        "binary": [st.st_mtime_ns, st.st_ino, st.st_size],
        "pythonpath": os.environ.get("PYTHONPATH", ""),
        "dirs": mtimes,
    }


def _entries() -> dict[str, Any]:
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def lookup(exe: str) -> dict[str, Any] | None:
    """The cached probe answer for ``exe``, if everything it depended on is unchanged."""
    entry = _entries().get(exe)
    if not isinstance(entry, dict) or not isinstance(entry.get("dirs"), list):
        return None
    stamp = _stamp(exe, [d for d in entry["dirs"] if isinstance(d, str)])
    if stamp is None or entry.get("stamp") != stamp:
        return None
    answer = entry.get("answer")
    return answer if isinstance(answer, dict) else None


def store(exe: str, answer: dict[str, Any], dirs: list[str]) -> None:
    """Remember ``answer`` for ``exe``, good while ``dirs`` (its sys.path) and the binary are unchanged."""
    stamp = _stamp(exe, dirs)
    if stamp is None:
        return
    entries = _entries()
    entries.pop(exe, None)
    entries[exe] = {"stamp": stamp, "dirs": dirs, "answer": answer}
    entries = dict(list(entries.items())[-MAX_ENTRIES:])
    path = cache_file()
    with contextlib.suppress(OSError):  # a read-only home: ask every time
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".interpreters-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(entries, fh)
            os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the new one
        except OSError:
            os.unlink(tmp)
