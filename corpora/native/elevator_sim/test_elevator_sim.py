import pytest

from elevator_sim import CLOSED, DOWN, IDLE, OPEN, UP, Elevator, simulate


@pytest.mark.parametrize(
    "args",
    [(1,), (5, 5), (5, -1), (5, 0, 0)],
)
def test_constructor_validation(args):
    with pytest.raises(ValueError):
        Elevator(*args)


def test_two_floor_building_allowed():
    e = Elevator(2)
    e.request(1)
    assert e.run() == 4


def test_initial_state():
    e = Elevator(10, start_floor=4)
    assert (e.floor, e.direction, e.door, e.time, e.door_timer) == (4, IDLE, CLOSED, 0, 0)
    assert e.is_idle


@pytest.mark.parametrize("floor", [-1, 10])
def test_request_out_of_range(floor):
    with pytest.raises(ValueError, match="out of range"):
        Elevator(10).request(floor)


def test_request_top_floor_allowed():
    e = Elevator(10)
    e.request(9)
    assert e.pending == {9: [0]}
    assert not e.is_idle


def test_single_trip_step_by_step():
    e = Elevator(10, door_ticks=2)
    e.request(3)
    e.step()
    assert (e.floor, e.direction, e.floors_travelled) == (1, UP, 1)
    e.step()
    e.step()
    assert e.floor == 3 and e.door == CLOSED
    e.step()
    assert e.door == OPEN and e.direction == IDLE
    assert e.waits == [4]
    assert e.stops() == [3]
    e.step()
    assert e.door == OPEN
    e.step()
    assert e.door == CLOSED
    assert e.log == [(4, "open", 3), (6, "close", 3)]


def test_run_returns_steps_and_stats():
    e = Elevator(10)
    e.request(3)
    assert e.run() == 6
    assert e.stats() == {"time": 6, "floors_travelled": 3, "served": 1, "average_wait": 4.0, "max_wait": 4}


def test_idle_step_does_nothing():
    e = Elevator(5, start_floor=2)
    e.step()
    assert (e.floor, e.time, e.floors_travelled, e.direction) == (2, 1, 0, IDLE)


def test_run_when_idle_is_zero():
    assert Elevator(5).run() == 0


def test_request_current_floor_door_closed_opens_next_tick():
    e = Elevator(5, start_floor=2)
    e.request(2)
    e.step()
    assert e.door == OPEN
    assert e.waits == [1]
    assert e.floors_travelled == 0


def test_request_while_door_open_holds_door():
    e = Elevator(5, start_floor=2, door_ticks=2)
    e.request(2)
    e.step()           # opens, timer 2
    e.step()           # timer 1
    e.request(2)       # caught the door: served immediately, timer reset to 2
    assert e.waits == [1, 0]
    assert e.pending == {}
    e.step()
    assert e.door == OPEN
    e.step()
    assert e.door == CLOSED


def test_moves_down():
    e = Elevator(10, start_floor=6)
    e.request(4)
    e.step()
    assert (e.floor, e.direction) == (5, DOWN)


def test_scan_order_goes_nearest_then_sweeps():
    e = Elevator(10, start_floor=5)
    for floor in (7, 2, 9):
        e.request(floor)
    e.run()
    assert e.stops() == [7, 9, 2]
    assert e.floors_travelled == 11
    assert e.waits == [3, 8, 18]
    assert e.stats()["average_wait"] == pytest.approx(29 / 3)
    assert e.stats()["max_wait"] == 18


def test_idle_tie_prefers_up():
    e = Elevator(10, start_floor=5)
    e.request(3)
    e.request(7)
    e.step()
    assert e.direction == UP
    e.run()
    assert e.stops() == [7, 3]


def test_idle_nearest_below():
    e = Elevator(10, start_floor=5)
    e.request(9)
    e.request(4)
    e.run()
    assert e.stops() == [4, 9]


def test_keeps_direction_while_stops_ahead():
    e = Elevator(10, start_floor=0)
    e.request(5)
    e.step()
    e.step()          # at floor 2 moving up
    e.request(1)      # behind
    e.request(8)      # ahead
    e.run()
    assert e.stops() == [5, 8, 1]


def test_reverses_when_nothing_ahead():
    e = Elevator(10, start_floor=0)
    e.request(4)
    e.step()
    e.step()          # floor 2, going up
    e.request(1)
    e.run()
    assert e.stops() == [4, 1]
    assert e.floors_travelled == 4 + 3


def test_multiple_requests_same_floor_all_served():
    e = Elevator(6)
    e.request(2)
    e.step()
    e.request(2)
    e.run()
    assert e.waits == [3, 2]
    assert e.stops() == [2]


def test_run_max_steps():
    e = Elevator(100)
    e.request(99)
    with pytest.raises(RuntimeError):
        e.run(max_steps=10)
    assert e.time == 10


def test_run_default_step_limit_boundary():
    e = Elevator(998)
    e.request(997)
    assert e.run() == 1000
    e = Elevator(999)
    e.request(998)
    with pytest.raises(RuntimeError):
        e.run()


def test_stats_empty():
    assert Elevator(3).stats() == {"time": 0, "floors_travelled": 0, "served": 0,
                                   "average_wait": 0.0, "max_wait": 0}


def test_simulate_requests_arrive_over_time():
    e = simulate(10, [(0, 3), (5, 1)], door_ticks=1)
    # t1-3 move to 3, t4 open (wait 4), t5 close; request 1 at t5; t6,t7 move; t8 open (wait 3)
    assert e.stops() == [3, 1]
    assert e.waits == [4, 3]
    assert e.time == 9
    assert e.floors_travelled == 5


def test_simulate_unsorted_arrivals_and_idle_gap():
    e = simulate(5, [(10, 1), (0, 0)], door_ticks=1)
    assert e.waits == [1, 2]
    assert e.stops() == [0, 1]
    assert e.time == 13


def test_simulate_nothing():
    e = simulate(5, [])
    assert e.time == 0


def test_simulate_default_door_ticks():
    assert simulate(5, [(0, 2)]).time == 5


@pytest.mark.parametrize("limit,ok", [(5, False), (6, True)])
def test_simulate_max_steps_boundary(limit, ok):
    if ok:
        assert simulate(10, [(0, 3)], max_steps=limit).time == 6
    else:
        with pytest.raises(RuntimeError):
            simulate(10, [(0, 3)], max_steps=limit)


def test_simulate_default_max_steps():
    assert simulate(998, [(0, 997)]).time == 1000
    with pytest.raises(RuntimeError):
        simulate(999, [(0, 998)])


def test_simulate_max_steps():
    with pytest.raises(RuntimeError):
        simulate(50, [(0, 49)], max_steps=20)
