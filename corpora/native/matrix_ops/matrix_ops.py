"""Dense matrix operations on lists of lists.

Matrices whose entries are all ints or Fractions are processed exactly with
Fractions; anything else is treated as floats and compared with a tolerance.
"""

from fractions import Fraction

EPSILON = 1e-9

Matrix = list[list]


def shape(m: Matrix) -> tuple[int, int]:
    """(rows, cols) of a rectangular matrix; raises ValueError otherwise."""
    if not m:
        return 0, 0
    cols = len(m[0])
    for row in m:
        if len(row) != cols:
            raise ValueError("ragged matrix")
    return len(m), cols


def is_exact(m: Matrix) -> bool:
    return all(isinstance(x, (int, Fraction)) for row in m for x in row)


def _working_copy(m: Matrix) -> tuple[Matrix, bool]:
    exact = is_exact(m)
    convert = Fraction if exact else float
    return [[convert(x) for x in row] for row in m], exact


def _is_zero(x, exact: bool) -> bool:
    return x == 0 if exact else abs(x) < EPSILON


def identity(n: int) -> Matrix:
    if n < 0:
        raise ValueError("size must be non-negative")
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def transpose(m: Matrix) -> Matrix:
    rows, cols = shape(m)
    return [[m[i][j] for i in range(rows)] for j in range(cols)]


def add(a: Matrix, b: Matrix) -> Matrix:
    if shape(a) != shape(b):
        raise ValueError("shape mismatch")
    return [[x + y for x, y in zip(ra, rb)] for ra, rb in zip(a, b)]


def multiply(a: Matrix, b: Matrix) -> Matrix:
    """Matrix product a @ b."""
    n, k = shape(a)
    k2, p = shape(b)
    if k != k2:
        raise ValueError(f"cannot multiply {n}x{k} by {k2}x{p}")
    bt = transpose(b)
    return [[sum(x * y for x, y in zip(row, col)) for col in bt] for row in a]


def _require_square(m: Matrix) -> int:
    rows, cols = shape(m)
    if rows != cols:
        raise ValueError("matrix must be square")
    return rows


def _pivot_row(a: Matrix, col: int, start: int, exact: bool) -> int | None:
    """Row index >= start with the largest |a[row][col]|, or None if all zero."""
    best = max(range(start, len(a)), key=lambda r: abs(a[r][col]))
    return None if _is_zero(a[best][col], exact) else best


def determinant(m: Matrix):
    """Determinant by Gaussian elimination with partial pivoting."""
    n = _require_square(m)
    a, exact = _working_copy(m)
    det = Fraction(1) if exact else 1.0
    for col in range(n):
        pivot = _pivot_row(a, col, col, exact)
        if pivot is None:
            return Fraction(0) if exact else 0.0
        if pivot != col:
            a[col], a[pivot] = a[pivot], a[col]
            det = -det
        det *= a[col][col]
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n):
                a[r][c] -= factor * a[col][c]
    return det


def inverse(m: Matrix) -> Matrix:
    """Inverse by Gauss-Jordan elimination; raises ValueError if singular."""
    n = _require_square(m)
    a, exact = _working_copy(m)
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    for i, row in enumerate(a):
        row.extend(one if j == i else zero for j in range(n))
    for col in range(n):
        pivot = _pivot_row(a, col, col, exact)
        if pivot is None:
            raise ValueError("matrix is singular")
        a[col], a[pivot] = a[pivot], a[col]
        lead = a[col][col]
        a[col] = [x / lead for x in a[col]]
        for r in range(n):
            if r != col and not _is_zero(a[r][col], exact):
                factor = a[r][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col])]
    return [row[n:] for row in a]


def matrix_power(m: Matrix, k: int) -> Matrix:
    """m raised to integer power k by repeated squaring (k < 0 uses the inverse)."""
    n = _require_square(m)
    if k < 0:
        return matrix_power(inverse(m), -k)
    result = identity(n)
    base = m
    while k:
        if k & 1:
            result = multiply(result, base)
        base = multiply(base, base)
        k >>= 1
    return result


def rank(m: Matrix) -> int:
    """Number of linearly independent rows."""
    rows, cols = shape(m)
    a, exact = _working_copy(m)
    r = 0
    for col in range(cols):
        if r == rows:
            break
        pivot = _pivot_row(a, col, r, exact)
        if pivot is None:
            continue
        a[r], a[pivot] = a[pivot], a[r]
        for below in range(r + 1, rows):
            factor = a[below][col] / a[r][col]
            for c in range(col, cols):
                a[below][c] -= factor * a[r][c]
        r += 1
    return r
