import pytest
from backtracking import (
    balanced_parentheses,
    candidates,
    is_valid_sudoku,
    n_queens_board,
    n_queens_count,
    n_queens_solutions,
    solve_sudoku,
    subset_sums,
    word_exists,
    word_path,
)

PUZZLE_9 = [
    [5, 3, 0, 0, 7, 0, 0, 0, 0],
    [6, 0, 0, 1, 9, 5, 0, 0, 0],
    [0, 9, 8, 0, 0, 0, 0, 6, 0],
    [8, 0, 0, 0, 6, 0, 0, 0, 3],
    [4, 0, 0, 8, 0, 3, 0, 0, 1],
    [7, 0, 0, 0, 2, 0, 0, 0, 6],
    [0, 6, 0, 0, 0, 0, 2, 8, 0],
    [0, 0, 0, 4, 1, 9, 0, 0, 5],
    [0, 0, 0, 0, 8, 0, 0, 7, 9],
]

SOLUTION_9 = [
    [5, 3, 4, 6, 7, 8, 9, 1, 2],
    [6, 7, 2, 1, 9, 5, 3, 4, 8],
    [1, 9, 8, 3, 4, 2, 5, 6, 7],
    [8, 5, 9, 7, 6, 1, 4, 2, 3],
    [4, 2, 6, 8, 5, 3, 7, 9, 1],
    [7, 1, 3, 9, 2, 4, 8, 5, 6],
    [9, 6, 1, 5, 3, 7, 2, 8, 4],
    [2, 8, 7, 4, 1, 9, 6, 3, 5],
    [3, 4, 5, 2, 8, 6, 1, 7, 9],
]

PUZZLE_4 = [
    [1, 0, 0, 0],
    [0, 0, 3, 0],
    [0, 4, 0, 0],
    [0, 0, 0, 2],
]

BOARD = ["ABCE", "SFCS", "ADEE"]


@pytest.mark.parametrize("n, expected", [(0, 1), (1, 1), (2, 0), (3, 0), (4, 2), (5, 10), (6, 4), (8, 92)])
def test_n_queens_count(n, expected):
    assert n_queens_count(n) == expected


def test_n_queens_solutions_four():
    assert n_queens_solutions(4) == [[1, 3, 0, 2], [2, 0, 3, 1]]


def test_n_queens_solutions_limit():
    assert n_queens_solutions(6, limit=2) == [[1, 3, 5, 0, 2, 4], [2, 5, 1, 4, 0, 3]]
    assert n_queens_solutions(8, limit=1) == [[0, 4, 7, 5, 2, 6, 1, 3]]
    assert len(n_queens_solutions(8, limit=5)) == 5


def test_n_queens_negative():
    with pytest.raises(ValueError):
        n_queens_solutions(-1)


def test_n_queens_solutions_are_non_attacking():
    for cols in n_queens_solutions(7):
        for r1 in range(7):
            for r2 in range(r1 + 1, 7):
                assert cols[r1] != cols[r2]
                assert abs(cols[r1] - cols[r2]) != r2 - r1


def test_n_queens_board():
    assert n_queens_board(4) == [".Q..", "...Q", "Q...", "..Q."]
    assert n_queens_board(1) == ["Q"]


def test_n_queens_board_none():
    assert n_queens_board(3) is None


def test_candidates_9x9():
    assert candidates(PUZZLE_9, 0, 2) == [1, 2, 4]
    assert candidates(PUZZLE_9, 4, 4) == [5]


def test_candidates_4x4_box():
    assert candidates(PUZZLE_4, 0, 1) == [2, 3]
    assert candidates(PUZZLE_4, 3, 0) == [3]
    assert candidates(PUZZLE_4, 2, 3) == [1, 3]


def test_is_valid_sudoku():
    assert is_valid_sudoku(PUZZLE_9) is True
    assert is_valid_sudoku(SOLUTION_9) is True


@pytest.mark.parametrize(
    "grid",
    [
        [[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
        [[1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]],
        [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
        [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 3, 0], [0, 0, 0, 3]],
        [[5, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
        [[-1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
    ],
)
def test_is_valid_sudoku_detects_conflicts(grid):
    assert is_valid_sudoku(grid) is False


def test_is_valid_sudoku_accepts_max_digit():
    assert is_valid_sudoku([[4, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]) is True


@pytest.mark.parametrize(
    "grid", [[], [[1, 2], [2, 1]], [[0] * 4, [0] * 4, [0] * 4], [[0] * 4, [0] * 4, [0] * 3, [0] * 4]]
)
def test_bad_sudoku_shape(grid):
    with pytest.raises(ValueError, match="perfect square"):
        is_valid_sudoku(grid)


def test_solve_sudoku_9x9():
    assert solve_sudoku(PUZZLE_9) == SOLUTION_9


def test_solve_sudoku_does_not_modify_input():
    before = [row[:] for row in PUZZLE_9]
    solve_sudoku(PUZZLE_9)
    assert before == PUZZLE_9


def test_solve_sudoku_4x4():
    assert solve_sudoku(PUZZLE_4) == [[1, 3, 2, 4], [4, 2, 3, 1], [2, 4, 1, 3], [3, 1, 4, 2]]


def test_solve_sudoku_empty_4x4_first_solution():
    assert solve_sudoku([[0] * 4 for _ in range(4)]) == [
        [1, 2, 3, 4],
        [3, 4, 1, 2],
        [2, 1, 4, 3],
        [4, 3, 2, 1],
    ]


def test_solve_sudoku_already_solved():
    assert solve_sudoku(SOLUTION_9) == SOLUTION_9


def test_solve_sudoku_invalid_input():
    assert solve_sudoku([[1, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]) is None


def test_solve_sudoku_full_but_invalid():
    grid = [[1, 2, 3, 4], [3, 4, 1, 2], [2, 1, 4, 3], [4, 3, 1, 2]]
    assert solve_sudoku(grid) is None


def test_solve_sudoku_resets_cells_when_backtracking():
    grid = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 0]]
    assert solve_sudoku(grid) == [[3, 1, 2, 4], [2, 4, 3, 1], [4, 3, 1, 2], [1, 2, 4, 3]]


def test_solve_sudoku_unsolvable_but_valid():
    # (0, 3) needs a 4, but column 3 already holds one
    grid = [[1, 2, 3, 0], [0, 0, 0, 4], [0, 0, 0, 0], [0, 0, 0, 0]]
    assert solve_sudoku(grid) is None


def test_solve_sudoku_sparse_4x4():
    grid = [[2, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]]
    assert solve_sudoku(grid) == [[2, 1, 4, 3], [3, 4, 1, 2], [1, 2, 3, 4], [4, 3, 2, 1]]


def test_solve_sudoku_needs_backtracking():
    # the first guess made by the solver here leads to a dead end
    grid = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 4, 3, 0], [0, 0, 2, 0]]
    assert solve_sudoku(grid) == [[4, 2, 1, 3], [1, 3, 4, 2], [2, 4, 3, 1], [3, 1, 2, 4]]


@pytest.mark.parametrize(
    "nums, target, expected",
    [
        ([10, 1, 2, 7, 6, 1, 5], 8, [[1, 1, 6], [1, 2, 5], [1, 7], [2, 6]]),
        ([2, 5, 2, 1, 2], 5, [[1, 2, 2], [5]]),
        ([3, 4, 5], 2, []),
        ([1, 2, 3], 0, [[]]),
        ([], 3, []),
        ([4], 4, [[4]]),
        ([1, 2, 3, 4], 10, [[1, 2, 3, 4]]),
        ([3, 3, 3], 6, [[3, 3]]),
    ],
)
def test_subset_sums(nums, target, expected):
    assert subset_sums(nums, target) == expected


@pytest.mark.parametrize("nums", [[1, 0, 2], [3, -1]])
def test_subset_sums_rejects_non_positive(nums):
    with pytest.raises(ValueError):
        subset_sums(nums, 3)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("ABCCED", True),
        ("SEE", True),
        ("ABCB", False),
        ("ASAD", True),
        ("SFS", False),
        ("E", True),
        ("Z", False),
        ("ABCESEEDASFC", True),
        ("ABFB", False),
    ],
)
def test_word_exists(word, expected):
    assert word_exists(BOARD, word) is expected


def test_word_path_cells():
    assert word_path(BOARD, "ABCCED") == [(0, 0), (0, 1), (0, 2), (1, 2), (2, 2), (2, 1)]
    assert word_path(BOARD, "SEE") == [(1, 3), (2, 3), (2, 2)]


def test_word_path_goes_up_and_left():
    assert word_path(["DC", "AB"], "ABCD") == [(1, 0), (1, 1), (0, 1), (0, 0)]


def test_word_path_edge_cases():
    assert word_path(BOARD, "") == []
    assert word_path([], "A") is None
    assert word_path(["AB"], "ABA") is None


def test_word_path_direction_preference():
    assert word_path(["B", "A", "B"], "AB") == [(1, 0), (0, 0)]
    assert word_path(["BAB"], "AB") == [(0, 1), (0, 0)]
    assert word_path(["AB", "CB"], "AB") == [(0, 0), (0, 1)]


def test_word_path_too_long():
    assert word_path(["AA"], "AAA") is None
    assert word_path(["A", "A"], "AA") == [(0, 0), (1, 0)]


@pytest.mark.parametrize(
    "n, expected",
    [(0, [""]), (1, ["()"]), (2, ["(())", "()()"]), (3, ["((()))", "(()())", "(())()", "()(())", "()()()"])],
)
def test_balanced_parentheses(n, expected):
    assert balanced_parentheses(n) == expected


def test_balanced_parentheses_count():
    assert len(balanced_parentheses(6)) == 132


def test_balanced_parentheses_negative():
    with pytest.raises(ValueError):
        balanced_parentheses(-1)
