"""Graph algorithms over a TaskSet."""
from __future__ import annotations

import heapq

from .tasks import TaskError, TaskSet


class CycleError(TaskError):
    def __init__(self, remaining: list[str]) -> None:
        super().__init__(f"dependency cycle among: {', '.join(remaining)}")
        self.remaining = remaining


def _rank(taskset: TaskSet, name: str) -> tuple[int, str]:
    # Higher priority first, then alphabetical.
    return (-taskset[name].priority, name)


def topological_order(taskset: TaskSet) -> list[str]:
    """Kahn's algorithm; among ready tasks the highest priority goes first."""
    taskset.check_dependencies()
    indegree = {name: len(set(task.deps)) for name, task in taskset.tasks.items()}
    dependents = taskset.dependents()
    ready = [_rank(taskset, name) for name, deg in indegree.items() if deg == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, name = heapq.heappop(ready)
        order.append(name)
        for child in dict.fromkeys(dependents[name]):
            indegree[child] -= 1
            if indegree[child] == 0:
                heapq.heappush(ready, _rank(taskset, child))
    if len(order) < len(taskset):
        raise CycleError(sorted(n for n in taskset.tasks if n not in order))
    return order


def earliest_starts(taskset: TaskSet) -> dict[str, int]:
    """Earliest start of each task with unlimited workers."""
    start: dict[str, int] = {}
    for name in topological_order(taskset):
        task = taskset[name]
        start[name] = max((start[d] + taskset[d].duration for d in task.deps), default=0)
    return start


def critical_path(taskset: TaskSet) -> tuple[int, list[str]]:
    """Length of the longest dependency chain and one such chain (ties: earliest in order)."""
    order = topological_order(taskset)
    if not order:
        return 0, []
    finish: dict[str, int] = {}
    via: dict[str, str | None] = {}
    for name in order:
        task = taskset[name]
        best_dep = None
        for dep in task.deps:
            if best_dep is None or finish[dep] > finish[best_dep]:
                best_dep = dep
        base = 0 if best_dep is None else finish[best_dep]
        finish[name] = base + task.duration
        via[name] = best_dep
    end = max(order, key=lambda n: (finish[n], -order.index(n)))
    path = [end]
    while via[path[-1]] is not None:
        path.append(via[path[-1]])
    path.reverse()
    return finish[end], path


def slack(taskset: TaskSet) -> dict[str, int]:
    """How long each task can be delayed without lengthening the critical path."""
    length, _ = critical_path(taskset)
    order = topological_order(taskset)
    dependents = taskset.dependents()
    latest_finish: dict[str, int] = {}
    for name in reversed(order):
        children = dependents[name]
        latest_finish[name] = min(
            (latest_finish[c] - taskset[c].duration for c in children), default=length
        )
    starts = earliest_starts(taskset)
    return {
        name: latest_finish[name] - taskset[name].duration - starts[name] for name in order
    }
