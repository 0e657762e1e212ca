import pytest

from task_scheduler import (
    Assignment,
    CycleError,
    Schedule,
    Task,
    TaskError,
    TaskSet,
    critical_path,
    earliest_starts,
    schedule,
    topological_order,
)
from task_scheduler.graph import slack


def project():
    #   a(3) -> c(2) -> e(1)
    #   b(4) -> d(1) -/
    #   f(2) independent, priority 5
    return TaskSet([
        Task("a", 3),
        Task("b", 4, priority=1),
        Task("c", 2, deps=("a",)),
        Task("d", 1, deps=("b",)),
        Task("e", 1, deps=("c", "d")),
        Task("f", 2, priority=5),
    ])


# ---- tasks ----------------------------------------------------------------

@pytest.mark.parametrize(
    "kwargs,match",
    [({"name": "", "duration": 1}, "empty"), ({"name": "x", "duration": -1}, "negative"),
     ({"name": "x", "duration": 1, "deps": ("x",)}, "itself")],
)
def test_task_validation(kwargs, match):
    with pytest.raises(TaskError, match=match):
        Task(**kwargs)


def test_zero_duration_allowed():
    assert Task("milestone", 0).duration == 0


def test_taskset_duplicate_and_lookup():
    ts = TaskSet([Task("a", 1)])
    with pytest.raises(TaskError, match="duplicate"):
        ts.add(Task("a", 2))
    with pytest.raises(TaskError, match="unknown task z"):
        ts["z"]
    assert ts["a"].duration == 1
    assert len(ts) == 1


def test_taskset_names_and_total_work():
    ts = project()
    assert ts.names() == ["a", "b", "c", "d", "e", "f"]
    assert ts.total_work() == 13


def test_dependents():
    deps = project().dependents()
    assert deps["a"] == ["c"]
    assert deps["c"] == ["e"]
    assert deps["e"] == []
    ts = TaskSet([Task("root", 1), Task("z", 1, deps=("root",)), Task("y", 1, deps=("root",))])
    assert ts.dependents()["root"] == ["y", "z"]


def test_unknown_dependency():
    ts = TaskSet([Task("a", 1, deps=("ghost",))])
    with pytest.raises(TaskError, match="unknown task ghost"):
        ts.check_dependencies()
    with pytest.raises(TaskError):
        topological_order(ts)


# ---- topological order ----------------------------------------------------

def test_topological_order_priority_tie_break():
    assert topological_order(project()) == ["f", "b", "a", "c", "d", "e"]


def test_topological_order_alphabetical_when_equal_priority():
    ts = TaskSet([Task("c", 1), Task("a", 1), Task("b", 1)])
    assert topological_order(ts) == ["a", "b", "c"]


def test_topological_order_released_task_competes_by_priority():
    ts = TaskSet([
        Task("start", 1),
        Task("low", 1, priority=0),
        Task("urgent", 1, priority=9, deps=("start",)),
    ])
    assert topological_order(ts) == ["low", "start", "urgent"]
    ts = TaskSet([
        Task("start", 1, priority=1),
        Task("low", 1, priority=0),
        Task("urgent", 1, priority=9, deps=("start",)),
    ])
    assert topological_order(ts) == ["start", "urgent", "low"]


def test_topological_order_negative_priority_last():
    ts = TaskSet([Task("a", 1, priority=-1), Task("b", 1)])
    assert topological_order(ts) == ["b", "a"]


def test_duplicate_dependency_entries():
    ts = TaskSet([Task("a", 1), Task("b", 1, deps=("a", "a"))])
    assert topological_order(ts) == ["a", "b"]


def test_cycle_detected():
    ts = TaskSet([Task("a", 1, deps=("c",)), Task("b", 1, deps=("a",)), Task("c", 1, deps=("b",)),
                  Task("free", 1)])
    with pytest.raises(CycleError) as info:
        topological_order(ts)
    assert info.value.remaining == ["a", "b", "c"]
    assert "a, b, c" in str(info.value)


def test_empty_taskset():
    ts = TaskSet()
    assert topological_order(ts) == []
    assert critical_path(ts) == (0, [])
    assert schedule(ts, 2).makespan == 0


# ---- earliest starts / critical path --------------------------------------

def test_earliest_starts():
    assert earliest_starts(project()) == {"a": 0, "b": 0, "c": 3, "d": 4, "e": 5, "f": 0}


def test_critical_path():
    assert critical_path(project()) == (6, ["a", "c", "e"])


def test_critical_path_prefers_longer_branch():
    ts = TaskSet([Task("x", 5), Task("y", 1), Task("z", 1, deps=("x", "y"))])
    assert critical_path(ts) == (6, ["x", "z"])


def test_critical_path_single_task():
    assert critical_path(TaskSet([Task("solo", 7)])) == (7, ["solo"])


def test_critical_path_tie_prefers_earlier_in_order():
    ts = TaskSet([Task("p", 2), Task("q", 2, priority=3)])
    assert critical_path(ts) == (2, ["q"])


def test_critical_path_includes_zero_duration_dependency():
    ts = TaskSet([Task("m", 0), Task("w", 4, deps=("m",))])
    assert critical_path(ts) == (4, ["m", "w"])


def test_slack():
    assert slack(project()) == {"f": 4, "b": 0, "a": 0, "c": 0, "d": 0, "e": 0}
    ts = TaskSet([Task("x", 5), Task("y", 1), Task("z", 1, deps=("x", "y"))])
    assert slack(ts) == {"x": 0, "y": 4, "z": 0}


# ---- scheduling -----------------------------------------------------------

def test_schedule_single_worker_follows_order():
    sched = schedule(project(), 1)
    assert sched.for_worker(0) == ["f", "b", "a", "c", "d", "e"]
    assert sched.makespan == 13
    assert sched.utilization() == 1.0


def test_schedule_two_workers():
    sched = schedule(project(), 2)
    got = {a.task: (a.worker, a.start, a.end) for a in sched.assignments}
    assert got == {
        "f": (0, 0, 2), "b": (1, 0, 4), "a": (0, 2, 5),
        "d": (1, 4, 5), "c": (0, 5, 7), "e": (0, 7, 8),
    }
    assert sched.makespan == 8
    assert sched.utilization() == pytest.approx(13 / 16)


def test_schedule_many_workers_matches_critical_path():
    ts = project()
    sched = schedule(ts, 10)
    assert sched.makespan == critical_path(ts)[0]
    for name, start in earliest_starts(ts).items():
        assert sched.start_of(name) == start


def test_schedule_zero_duration_milestone():
    ts = TaskSet([Task("a", 2), Task("m", 0, deps=("a",)), Task("b", 3, deps=("m",))])
    sched = schedule(ts, 1)
    assert [(a.task, a.start, a.end) for a in sched.assignments] == [
        ("a", 0, 2), ("m", 2, 2), ("b", 2, 5)]


def test_schedule_waits_for_dependency_even_with_idle_worker():
    ts = TaskSet([Task("a", 5), Task("b", 1, deps=("a",))])
    sched = schedule(ts, 3)
    assert sched.start_of("b") == 5
    assert sched.makespan == 6


def test_schedule_requires_worker():
    with pytest.raises(TaskError, match="at least one worker"):
        schedule(project(), 0)


def test_start_of_unknown():
    with pytest.raises(TaskError, match="not scheduled"):
        schedule(project(), 1).start_of("zzz")


def test_schedule_empty_utilization():
    assert Schedule([], 3).utilization() == 0.0


def test_for_worker_sorted_by_start():
    sched = Schedule([Assignment("late", 0, 5, 6), Assignment("early", 0, 0, 5), Assignment("o", 1, 0, 1)], 2)
    assert sched.for_worker(0) == ["early", "late"]
    assert sched.for_worker(1) == ["o"]
