import pytest
from grid_pathfinding import (
    Grid,
    astar,
    astar_search,
    bfs_distances,
    count_islands,
    flood_fill,
    island_sizes,
    manhattan,
    reachable_within,
    shortest_maze_path,
)

MAZE = [
    "S..#....",
    ".#.#.##.",
    ".#...#..",
    ".####.#.",
    "......#E",
]

MAZE_PATH = [
    (0, 0),
    (0, 1),
    (0, 2),
    (1, 2),
    (2, 2),
    (2, 3),
    (2, 4),
    (1, 4),
    (0, 4),
    (0, 5),
    (0, 6),
    (0, 7),
    (1, 7),
    (2, 7),
    (3, 7),
    (4, 7),
]

OPEN = ["....", "....", "...."]


def is_valid_path(lines, path):
    grid = Grid(lines)
    return all(grid.passable(c) for c in path) and all(
        manhattan(a, b) == 1 for a, b in zip(path, path[1:], strict=False)
    )


def test_grid_dimensions():
    grid = Grid(["abc", "def"])
    assert (grid.height, grid.width) == (2, 3)
    assert grid[(1, 2)] == "f"


def test_grid_empty():
    grid = Grid([])
    assert (grid.height, grid.width) == (0, 0)
    assert grid.in_bounds((0, 0)) is False


def test_grid_ragged():
    with pytest.raises(ValueError):
        Grid(["..", "..."])


@pytest.mark.parametrize(
    "cell, expected",
    [((0, 0), True), ((1, 2), True), ((2, 0), False), ((0, 3), False), ((-1, 0), False), ((0, -1), False)],
)
def test_in_bounds(cell, expected):
    assert Grid(["...", "..."]).in_bounds(cell) is expected


def test_passable_respects_wall_char():
    grid = Grid([".#", "x."])
    assert grid.passable((0, 0)) is True
    assert grid.passable((0, 1)) is False
    assert Grid([".#", "x."], wall="x").passable((1, 0)) is False


def test_neighbours_order_and_walls():
    grid = Grid(["...", ".#.", "..."])
    assert grid.neighbours((0, 1)) == [(0, 0), (0, 2)]
    assert grid.neighbours((1, 0)) == [(0, 0), (2, 0)]
    assert grid.neighbours((2, 2)) == [(1, 2), (2, 1)]


def test_neighbours_all_four():
    assert Grid(OPEN).neighbours((1, 1)) == [(0, 1), (2, 1), (1, 0), (1, 2)]


def test_find():
    grid = Grid(MAZE)
    assert grid.find("S") == (0, 0)
    assert grid.find("E") == (4, 7)
    assert grid.find("Q") is None


@pytest.mark.parametrize(
    "a, b, expected", [((0, 0), (0, 0), 0), ((1, 2), (4, 6), 7), ((5, 1), (2, 3), 5), ((0, 9), (3, 0), 12)]
)
def test_manhattan(a, b, expected):
    assert manhattan(a, b) == expected


def test_astar_maze():
    path, expanded = astar_search(MAZE, (0, 0), (4, 7))
    assert path == MAZE_PATH
    assert expanded == 25


def test_astar_open_grid_goes_straight_to_goal():
    path, expanded = astar_search(OPEN, (0, 0), (2, 3))
    assert path == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 3), (2, 3)]
    assert expanded == 5


def test_astar_around_obstacle():
    lines = ["....", ".##.", "...."]
    path, expanded = astar_search(lines, (1, 0), (1, 3))
    assert path == [(1, 0), (0, 0), (0, 1), (0, 2), (0, 3), (1, 3)]
    assert expanded == 5


def test_astar_detour_path_is_shortest():
    lines = [".....", ".###.", "...#.", "##.#.", "....."]
    path = astar(lines, (2, 0), (2, 4))
    assert len(path) == 9
    assert is_valid_path(lines, path)
    assert path[0] == (2, 0) and path[-1] == (2, 4)


def test_astar_unreachable():
    assert astar_search(["..#..", "..#..", "..#.."], (0, 0), (0, 4)) == (None, 6)


def test_astar_blocked_endpoints():
    assert astar_search([".#"], (0, 0), (0, 1)) == (None, 0)
    assert astar_search(["#."], (0, 0), (0, 1)) == (None, 0)
    assert astar(["..."], (0, 0), (0, 5)) is None


def test_astar_start_is_goal():
    assert astar_search(OPEN, (1, 1), (1, 1)) == ([(1, 1)], 0)


def test_bfs_distances_small():
    assert bfs_distances([".#.", "..."], (0, 0)) == {(0, 0): 0, (1, 0): 1, (1, 1): 2, (1, 2): 3, (0, 2): 4}


def test_bfs_distances_from_wall():
    assert bfs_distances(["#."], (0, 0)) == {}


def test_bfs_distances_with_limit():
    assert bfs_distances(["....."], (0, 2), limit=1) == {(0, 1): 1, (0, 2): 0, (0, 3): 1}


def test_shortest_maze_path():
    assert shortest_maze_path(MAZE) == MAZE_PATH


def test_shortest_maze_path_custom_markers():
    assert shortest_maze_path(["a.b"], start_mark="a", end_mark="b") == [(0, 0), (0, 1), (0, 2)]


def test_shortest_maze_path_prefers_first_direction_on_ties():
    assert shortest_maze_path(["S.", ".E"]) == [(0, 0), (1, 0), (1, 1)]


def test_shortest_maze_path_unreachable():
    assert shortest_maze_path(["S#E"]) is None


@pytest.mark.parametrize("lines", [["S.."], ["..E"], []])
def test_shortest_maze_path_missing_marker(lines):
    with pytest.raises(ValueError):
        shortest_maze_path(lines)


def test_reachable_within():
    assert reachable_within(MAZE, (0, 0), 3) == {(0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (3, 0)}


def test_reachable_within_zero_steps():
    assert reachable_within(OPEN, (2, 2), 0) == {(2, 2)}


def test_reachable_within_large_k_covers_component():
    assert len(reachable_within(MAZE, (0, 0), 100)) == 27


def test_reachable_within_negative():
    with pytest.raises(ValueError):
        reachable_within(OPEN, (0, 0), -1)


def test_flood_fill_region():
    lines = ["aab", "abb", "aba"]
    assert flood_fill(lines, (0, 0), "x") == ["xxb", "xbb", "xba"]


def test_flood_fill_does_not_cross_diagonal():
    lines = ["ab", "ba"]
    assert flood_fill(lines, (1, 1), "z") == ["ab", "bz"]


def test_flood_fill_whole_grid_and_walls():
    assert flood_fill(["...", "..."], (1, 2), "o") == ["ooo", "ooo"]
    assert flood_fill(["#.#", "..."], (0, 0), "*") == ["*.#", "..."]


def test_flood_fill_same_colour_returns_copy():
    lines = ["ab"]
    result = flood_fill(lines, (0, 0), "a")
    assert result == ["ab"]
    assert result is not lines


@pytest.mark.parametrize("start", [(1, 0), (-1, 0), (0, 2), (0, -1)])
def test_flood_fill_out_of_bounds(start):
    with pytest.raises(IndexError):
        flood_fill(["ab"], start, "x")


def test_flood_fill_same_colour_region():
    assert flood_fill(["aa", "ab"], (0, 0), "a") == ["aa", "ab"]


def test_island_sizes():
    lines = ["##..#", "#...#", "..#..", "....#", "##.##"]
    assert island_sizes(lines) == [3, 2, 1, 3, 2]


def test_island_sizes_custom_land():
    assert island_sizes(["1101", "0001", "1000"], land="1") == [2, 2, 1]


@pytest.mark.parametrize(
    "lines, expected",
    [
        ([], 0),
        (["...."], 0),
        (["#"], 1),
        (["#.#", ".#.", "#.#"], 5),
        (["###", "#.#", "###"], 1),
        (["##", "##"], 1),
    ],
)
def test_count_islands(lines, expected):
    assert count_islands(lines) == expected


def test_astar_skips_superseded_queue_entries():
    # (0, 2) is first queued with a longer route and later improved
    assert astar_search(["...#.", "....#"], (1, 0), (0, 4)) == (None, 7)


def test_flood_fill_off_diagonal_start():
    assert flood_fill(["aab", "bab"], (0, 2), "x") == ["aax", "bax"]
