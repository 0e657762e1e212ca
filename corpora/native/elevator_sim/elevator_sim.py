"""A single elevator simulated in discrete ticks with SCAN scheduling."""
from __future__ import annotations

IDLE, UP, DOWN = 0, 1, -1
OPEN, CLOSED = "open", "closed"


class Elevator:
    def __init__(self, num_floors: int, start_floor: int = 0, door_ticks: int = 2) -> None:
        if num_floors < 2:
            raise ValueError("an elevator needs at least two floors")
        if not 0 <= start_floor < num_floors:
            raise ValueError("start floor out of range")
        if door_ticks < 1:
            raise ValueError("door must stay open at least one tick")
        self.num_floors = num_floors
        self.floor = start_floor
        self.door_ticks = door_ticks
        self.direction = IDLE
        self.door = CLOSED
        self.door_timer = 0
        self.time = 0
        self.pending: dict[int, list[int]] = {}  # floor -> times the requests were made
        self.floors_travelled = 0
        self.waits: list[int] = []
        self.log: list[tuple[int, str, int]] = []

    @property
    def is_idle(self) -> bool:
        return not self.pending and self.door == CLOSED

    def request(self, floor: int) -> None:
        if not 0 <= floor < self.num_floors:
            raise ValueError(f"floor {floor} out of range")
        if floor == self.floor and self.door == OPEN:
            # Someone catches the open door: served at once, door held open.
            self.waits.append(0)
            self.door_timer = self.door_ticks
            return
        self.pending.setdefault(floor, []).append(self.time)

    def _stops_ahead(self, direction: int) -> bool:
        return any((f - self.floor) * direction > 0 for f in self.pending)

    def _choose_direction(self) -> int:
        if not self.pending:
            return IDLE
        if self.direction != IDLE:
            if self._stops_ahead(self.direction):
                return self.direction
            return -self.direction
        # Idle: head for the nearest request, preferring up on a tie.
        nearest = min(self.pending, key=lambda f: (abs(f - self.floor), -f))
        return UP if nearest > self.floor else DOWN

    def _arrive(self) -> None:
        for requested_at in self.pending.pop(self.floor):
            self.waits.append(self.time - requested_at)
        self.door = OPEN
        self.door_timer = self.door_ticks
        self.log.append((self.time, "open", self.floor))
        if not self.pending:
            self.direction = IDLE

    def step(self) -> None:
        """Advance one tick: close/hold the door, stop at a floor, or move one floor."""
        self.time += 1
        if self.door == OPEN:
            self.door_timer -= 1
            if self.door_timer == 0:
                self.door = CLOSED
                self.log.append((self.time, "close", self.floor))
            return
        if self.floor in self.pending:
            self._arrive()
            return
        self.direction = self._choose_direction()
        if self.direction == IDLE:
            return
        self.floor += self.direction
        self.floors_travelled += 1

    def run(self, max_steps: int = 1000) -> int:
        """Step until idle; returns the number of steps taken."""
        steps = 0
        while not self.is_idle:
            if steps >= max_steps:
                raise RuntimeError("elevator did not become idle")
            self.step()
            steps += 1
        return steps

    def stops(self) -> list[int]:
        """Floors where the door opened, in order."""
        return [floor for _, event, floor in self.log if event == "open"]

    def stats(self) -> dict[str, float]:
        served = len(self.waits)
        return {
            "time": self.time,
            "floors_travelled": self.floors_travelled,
            "served": served,
            "average_wait": sum(self.waits) / served if served else 0.0,
            "max_wait": max(self.waits, default=0),
        }


def simulate(num_floors: int, arrivals: list[tuple[int, int]], start_floor: int = 0,
             door_ticks: int = 2, max_steps: int = 1000) -> Elevator:
    """Feed (time, floor) requests at their times and run until everything is served."""
    elevator = Elevator(num_floors, start_floor, door_ticks)
    queue = sorted(arrivals)
    index = 0
    while index < len(queue) or not elevator.is_idle:
        while index < len(queue) and queue[index][0] <= elevator.time:
            elevator.request(queue[index][1])
            index += 1
        if elevator.time >= max_steps:
            raise RuntimeError("simulation exceeded max_steps")
        elevator.step()
    return elevator
