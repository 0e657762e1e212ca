"""Task dependency graphs and worker scheduling."""
from .graph import CycleError, critical_path, earliest_starts, topological_order
from .scheduler import Assignment, Schedule, schedule
from .tasks import Task, TaskError, TaskSet

__all__ = [
    "Assignment",
    "CycleError",
    "Schedule",
    "Task",
    "TaskError",
    "TaskSet",
    "critical_path",
    "earliest_starts",
    "schedule",
    "topological_order",
]
