"""What every corpus yields: bugs with ground truth, and a way to get each one's project tree."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tflm.corpora.mutate import Mutation
from tflm.eval.ground_truth import GroundTruth


@dataclass(frozen=True)
class Bug:
    """One buggy program version with its ground truth.

    ``mutations`` is empty for bugs of public corpora, which come as trees rather than as mutants.
    """

    id: str
    base: str
    mutations: tuple[Mutation, ...]
    truth: GroundTruth
    kind: str = "single"  # "single" or "multi" (several faults at once)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def operators(self) -> tuple[str, ...]:
        return tuple(m.operator for m in self.mutations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "base": self.base,
            "kind": self.kind,
            "mutations": [m.to_dict() for m in self.mutations],
            "faulty": [list(x) for x in self.truth],
            **self.extra,
        }


class BugSource(Protocol):
    """A corpus: native, QuixBugs or BugsInPy. Picklable, so that workers can receive it."""

    name: str

    def bugs(self) -> list[Bug]:
        """Every bug, in a fixed order."""
        ...

    def prepare(self, bug: Bug, workdir: Path) -> tuple[Path, dict[str, Any]]:
        """The project tree to run (created under ``workdir`` if it must be) and the ``collect`` options."""
        ...
