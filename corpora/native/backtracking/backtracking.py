"""Backtracking searches: queens, sudoku, subset sums, word search, parentheses."""

from collections.abc import Sequence
from math import isqrt


def _place_queens(
    n: int, row: int, cols: list[int], used: set, diag: set, anti: set, limit: int | None
) -> list:
    """Collect column placements for rows row..n-1, stopping after limit solutions."""
    if row == n:
        return [list(cols)]
    found = []
    for col in range(n):
        if col in used or row - col in diag or row + col in anti:
            continue
        cols.append(col)
        used.add(col)
        diag.add(row - col)
        anti.add(row + col)
        found.extend(
            _place_queens(n, row + 1, cols, used, diag, anti, None if limit is None else limit - len(found))
        )
        cols.pop()
        used.discard(col)
        diag.discard(row - col)
        anti.discard(row + col)
        if limit is not None and len(found) >= limit:
            break
    return found


def n_queens_solutions(n: int, limit: int | None = None) -> list[list[int]]:
    """Queen columns per row for each solution, in lexicographic order."""
    if n < 0:
        raise ValueError("n must be non-negative")
    return _place_queens(n, 0, [], set(), set(), set(), limit)


def n_queens_count(n: int) -> int:
    return len(n_queens_solutions(n))


def n_queens_board(n: int) -> list[str] | None:
    """First solution drawn with 'Q' and '.', or None if there is none."""
    solutions = n_queens_solutions(n, limit=1)
    if not solutions:
        return None
    return ["." * c + "Q" + "." * (n - c - 1) for c in solutions[0]]


def _box_size(grid: Sequence[Sequence[int]]) -> int:
    n = len(grid)
    box = isqrt(n)
    if n == 0 or box * box != n or any(len(row) != n for row in grid):
        raise ValueError("sudoku must be an n x n grid with n a perfect square")
    return box


def candidates(grid: Sequence[Sequence[int]], r: int, c: int) -> list[int]:
    """Digits that can legally go into the empty cell (r, c)."""
    n = len(grid)
    box = _box_size(grid)
    taken = set(grid[r]) | {grid[i][c] for i in range(n)}
    br, bc = r - r % box, c - c % box
    for i in range(br, br + box):
        taken.update(grid[i][bc : bc + box])
    return [d for d in range(1, n + 1) if d not in taken]


def is_valid_sudoku(grid: Sequence[Sequence[int]]) -> bool:
    """True if no row, column or box repeats a non-zero digit (blanks are 0)."""
    n = len(grid)
    box = _box_size(grid)
    groups = [list(row) for row in grid]
    groups += [[grid[r][c] for r in range(n)] for c in range(n)]
    for br in range(0, n, box):
        for bc in range(0, n, box):
            groups.append([grid[r][c] for r in range(br, br + box) for c in range(bc, bc + box)])
    for group in groups:
        digits = [d for d in group if d != 0]
        if any(d < 1 or d > n for d in digits) or len(digits) != len(set(digits)):
            return False
    return True


def solve_sudoku(grid: Sequence[Sequence[int]]) -> list[list[int]] | None:
    """Solved copy of the grid (0 = blank), or None if unsolvable."""
    if not is_valid_sudoku(grid):
        return None
    work = [list(row) for row in grid]
    return work if _fill(work) else None


def _fill(grid: list[list[int]]) -> bool:
    best = None
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value == 0:
                options = candidates(grid, r, c)
                if best is None or len(options) < len(best[2]):
                    best = (r, c, options)
    if best is None:
        return True
    r, c, options = best
    for digit in options:
        grid[r][c] = digit
        if _fill(grid):
            return True
    grid[r][c] = 0
    return False


def subset_sums(nums: Sequence[int], target: int) -> list[list[int]]:
    """Distinct sorted sub-multisets of positive nums that add up to target."""
    if any(x <= 0 for x in nums):
        raise ValueError("numbers must be positive")
    values = sorted(nums)
    results: list[list[int]] = []
    chosen: list[int] = []

    def search(start: int, remaining: int) -> None:
        if remaining == 0:
            # all numbers are positive, so the loop below stops immediately
            results.append(list(chosen))
        for i in range(start, len(values)):
            if i > start and values[i] == values[i - 1]:
                continue
            if values[i] > remaining:
                break
            chosen.append(values[i])
            search(i + 1, remaining - values[i])
            chosen.pop()

    search(0, target)
    return results


def word_path(board: Sequence[str], word: str) -> list[tuple[int, int]] | None:
    """Cells spelling word through 4-adjacent cells, each used at most once."""
    if not word:
        return []
    rows = len(board)
    cols = len(board[0]) if rows else 0
    path: list[tuple[int, int]] = []

    def walk(r: int, c: int, k: int) -> bool:
        if not (0 <= r < rows and 0 <= c < cols) or board[r][c] != word[k] or (r, c) in path:
            return False
        path.append((r, c))
        if k == len(word) - 1:
            return True
        for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
            if walk(r + dr, c + dc, k + 1):
                return True
        path.pop()
        return False

    for r in range(rows):
        for c in range(cols):
            if walk(r, c, 0):
                return path
    return None


def word_exists(board: Sequence[str], word: str) -> bool:
    return word_path(board, word) is not None


def balanced_parentheses(n: int) -> list[str]:
    """All strings of n balanced pairs, in lexicographic order ('(' < ')')."""
    if n < 0:
        raise ValueError("n must be non-negative")
    out: list[str] = []

    def build(prefix: str, opened: int, closed: int) -> None:
        if len(prefix) == 2 * n:
            out.append(prefix)
            return
        if opened < n:
            build(prefix + "(", opened + 1, closed)
        if closed < opened:
            build(prefix + ")", opened, closed + 1)

    build("", 0, 0)
    return out
