"""Greedy list scheduling of a TaskSet on a fixed number of workers."""
from __future__ import annotations

from dataclasses import dataclass

from .graph import topological_order
from .tasks import TaskError, TaskSet


@dataclass(frozen=True)
class Assignment:
    task: str
    worker: int
    start: int
    end: int


@dataclass
class Schedule:
    assignments: list[Assignment]
    workers: int

    @property
    def makespan(self) -> int:
        return max((a.end for a in self.assignments), default=0)

    def for_worker(self, worker: int) -> list[str]:
        return [a.task for a in sorted(self.assignments, key=lambda a: a.start) if a.worker == worker]

    def utilization(self) -> float:
        span = self.makespan
        if span == 0:
            return 0.0
        busy = sum(a.end - a.start for a in self.assignments)
        return busy / (span * self.workers)

    def start_of(self, task: str) -> int:
        for a in self.assignments:
            if a.task == task:
                return a.start
        raise TaskError(f"task {task} not scheduled")


def schedule(taskset: TaskSet, workers: int) -> Schedule:
    """At each moment, give free workers (lowest id first) the best ready tasks.

    Ready tasks are ordered by their position in the priority topological order."""
    if workers < 1:
        raise TaskError("need at least one worker")
    order = topological_order(taskset)
    position = {name: i for i, name in enumerate(order)}
    finish: dict[str, int] = {}
    free_at = [0] * workers
    pending = list(order)
    assignments: list[Assignment] = []
    now = 0
    while pending:
        ready = [
            n for n in pending
            if all(d in finish and finish[d] <= now for d in taskset[n].deps)
        ]
        idle = [w for w in range(workers) if free_at[w] <= now]
        for worker, name in zip(idle, sorted(ready, key=position.__getitem__)):
            end = now + taskset[name].duration
            assignments.append(Assignment(name, worker, now, end))
            finish[name] = end
            free_at[worker] = end
            pending.remove(name)
        future = [t for t in list(free_at) + list(finish.values()) if t > now]
        if pending and future:
            now = min(future)
    return Schedule(assignments, workers)
