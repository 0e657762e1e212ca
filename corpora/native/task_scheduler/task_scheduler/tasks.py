"""Task definitions and a validated collection of tasks."""
from __future__ import annotations

from dataclasses import dataclass


class TaskError(ValueError):
    """Raised for malformed tasks or references to unknown tasks."""


@dataclass(frozen=True)
class Task:
    name: str
    duration: int
    priority: int = 0
    deps: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name:
            raise TaskError("task name must not be empty")
        if self.duration < 0:
            raise TaskError(f"task {self.name} has negative duration")
        if self.name in self.deps:
            raise TaskError(f"task {self.name} depends on itself")


class TaskSet:
    def __init__(self, tasks: list[Task] | None = None) -> None:
        self.tasks: dict[str, Task] = {}
        for task in tasks or []:
            self.add(task)

    def add(self, task: Task) -> None:
        if task.name in self.tasks:
            raise TaskError(f"duplicate task {task.name}")
        self.tasks[task.name] = task

    def __len__(self) -> int:
        return len(self.tasks)

    def __getitem__(self, name: str) -> Task:
        if name not in self.tasks:
            raise TaskError(f"unknown task {name}")
        return self.tasks[name]

    def names(self) -> list[str]:
        return sorted(self.tasks)

    def check_dependencies(self) -> None:
        for task in self.tasks.values():
            for dep in task.deps:
                if dep not in self.tasks:
                    raise TaskError(f"task {task.name} depends on unknown task {dep}")

    def dependents(self) -> dict[str, list[str]]:
        """Reverse edges: for every task, the sorted tasks that wait for it."""
        result: dict[str, list[str]] = {name: [] for name in self.tasks}
        for task in self.tasks.values():
            for dep in task.deps:
                result[dep].append(task.name)
        for names in result.values():
            names.sort()
        return result

    def total_work(self) -> int:
        return sum(task.duration for task in self.tasks.values())
