"""Path finding and region analysis on character grids.

A grid is a list of equal-length strings.  Cells are (row, col) pairs and
'#' marks a wall unless a function says otherwise.
"""

import heapq
from collections import deque

WALL = "#"
Cell = tuple[int, int]
DIRECTIONS = ((-1, 0), (1, 0), (0, -1), (0, 1))


class Grid:
    def __init__(self, lines: list[str], wall: str = WALL):
        if lines and any(len(line) != len(lines[0]) for line in lines):
            raise ValueError("grid rows must have equal length")
        self.lines = list(lines)
        self.wall = wall
        self.height = len(lines)
        self.width = len(lines[0]) if lines else 0

    def __getitem__(self, cell: Cell) -> str:
        return self.lines[cell[0]][cell[1]]

    def in_bounds(self, cell: Cell) -> bool:
        r, c = cell
        return 0 <= r < self.height and 0 <= c < self.width

    def passable(self, cell: Cell) -> bool:
        return self.in_bounds(cell) and self[cell] != self.wall

    def neighbours(self, cell: Cell) -> list[Cell]:
        """Passable 4-neighbours in up, down, left, right order."""
        r, c = cell
        candidates = [(r + dr, c + dc) for dr, dc in DIRECTIONS]
        return [n for n in candidates if self.passable(n)]

    def find(self, ch: str) -> Cell | None:
        """First cell (row-major) holding ch."""
        for r, line in enumerate(self.lines):
            c = line.find(ch)
            if c != -1:
                return r, c
        return None


def manhattan(a: Cell, b: Cell) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _walk_back(came_from: dict, end: Cell) -> list[Cell]:
    path = [end]
    while came_from[path[-1]] is not None:
        path.append(came_from[path[-1]])
    return path[::-1]


def astar_search(lines: list[str], start: Cell, goal: Cell) -> tuple[list[Cell] | None, int]:
    """A* with a Manhattan heuristic: (shortest path or None, cells expanded)."""
    grid = Grid(lines)
    if not grid.passable(start) or not grid.passable(goal):
        return None, 0
    g_score = {start: 0}
    came_from: dict = {start: None}
    # entries are (f, h, g, cell): among equal f, prefer cells nearer the goal
    heap = [(manhattan(start, goal), manhattan(start, goal), 0, start)]
    expanded = 0
    while heap:
        _, _, g, cell = heapq.heappop(heap)
        if cell == goal:
            return _walk_back(came_from, cell), expanded
        if g > g_score[cell]:
            continue  # stale entry superseded by a shorter route
        expanded += 1
        for nxt in grid.neighbours(cell):
            tentative = g + 1
            if tentative < g_score.get(nxt, tentative + 1):
                g_score[nxt] = tentative
                came_from[nxt] = cell
                h = manhattan(nxt, goal)
                heapq.heappush(heap, (tentative + h, h, tentative, nxt))
    return None, expanded


def astar(lines: list[str], start: Cell, goal: Cell) -> list[Cell] | None:
    """Shortest 4-connected path from start to goal, or None."""
    return astar_search(lines, start, goal)[0]


def bfs_distances(lines: list[str], start: Cell, limit: int | None = None) -> dict[Cell, int]:
    """Step counts to every passable cell reachable from start (up to limit steps)."""
    grid = Grid(lines)
    if not grid.passable(start):
        return {}
    dist = {start: 0}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if limit is not None and dist[cell] == limit:
            continue
        for nxt in grid.neighbours(cell):
            if nxt not in dist:
                dist[nxt] = dist[cell] + 1
                queue.append(nxt)
    return dist


def shortest_maze_path(lines: list[str], start_mark: str = "S", end_mark: str = "E") -> list[Cell] | None:
    """BFS path between the start and end markers, or None if unreachable."""
    grid = Grid(lines)
    start, end = grid.find(start_mark), grid.find(end_mark)
    if start is None or end is None:
        raise ValueError("maze needs both a start and an end marker")
    came_from: dict = {start: None}
    queue = deque([start])
    while queue:
        cell = queue.popleft()
        if cell == end:
            return _walk_back(came_from, end)
        for nxt in grid.neighbours(cell):
            if nxt not in came_from:
                came_from[nxt] = cell
                queue.append(nxt)
    return None


def reachable_within(lines: list[str], start: Cell, k: int) -> set[Cell]:
    """Cells reachable from start in at most k steps."""
    if k < 0:
        raise ValueError("k must be non-negative")
    return set(bfs_distances(lines, start, limit=k))


def flood_fill(lines: list[str], start: Cell, new: str) -> list[str]:
    """Repaint the 4-connected region of start's character with new."""
    grid = Grid(lines, wall="")
    if not grid.in_bounds(start):
        raise IndexError("start outside grid")
    old = grid[start]
    if old == new:
        return list(lines)
    cells = [list(line) for line in lines]
    cells[start[0]][start[1]] = new
    stack = [start]
    while stack:
        r, c = stack.pop()
        for dr, dc in DIRECTIONS:
            nr, nc = r + dr, c + dc
            if grid.in_bounds((nr, nc)) and cells[nr][nc] == old:
                cells[nr][nc] = new
                stack.append((nr, nc))
    return ["".join(row) for row in cells]


def island_sizes(lines: list[str], land: str = "#") -> list[int]:
    """Sizes of 4-connected land regions, in row-major order of discovery."""
    grid = Grid(lines, wall="")
    seen: set[Cell] = set()
    sizes = []
    for r in range(grid.height):
        for c in range(grid.width):
            if grid[(r, c)] != land or (r, c) in seen:
                continue
            seen.add((r, c))
            stack = [(r, c)]
            size = 0
            while stack:
                cr, cc = stack.pop()
                size += 1
                for dr, dc in DIRECTIONS:
                    n = (cr + dr, cc + dc)
                    if grid.in_bounds(n) and n not in seen and grid[n] == land:
                        seen.add(n)
                        stack.append(n)
            sizes.append(size)
    return sizes


def count_islands(lines: list[str], land: str = "#") -> int:
    return len(island_sizes(lines, land))
