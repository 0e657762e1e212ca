"""Combinatorial generators and counting functions."""

from collections.abc import Iterator, Sequence


def combinations(items: Sequence, r: int) -> Iterator[tuple]:
    """r-element combinations in lexicographic order of positions."""
    n = len(items)
    if r < 0 or r > n:
        return
    idx = list(range(r))
    while True:
        yield tuple(items[i] for i in idx)
        # find the rightmost index that can still be advanced
        i = r - 1
        while i >= 0 and idx[i] == n - r + i:
            i -= 1
        if i < 0:
            return
        idx[i] += 1
        for j in range(i + 1, r):
            idx[j] = idx[j - 1] + 1


def permutations(items: Sequence, r: int | None = None) -> Iterator[tuple]:
    """r-element arrangements in lexicographic order of positions."""
    n = len(items)
    r = n if r is None else r
    if r < 0 or r > n:
        return
    used = [False] * n
    chosen: list[int] = []

    def extend() -> Iterator[tuple]:
        if len(chosen) == r:
            yield tuple(items[i] for i in chosen)
        else:
            for i in range(n):
                if not used[i]:
                    used[i] = True
                    chosen.append(i)
                    yield from extend()
                    chosen.pop()
                    used[i] = False

    yield from extend()


def next_permutation(seq: Sequence) -> list | None:
    """Lexicographically next arrangement of seq, or None if seq is the last one."""
    a = list(seq)
    i = len(a) - 2
    while i >= 0 and a[i] >= a[i + 1]:
        i -= 1
    if i < 0:
        return None
    j = len(a) - 1
    while a[j] <= a[i]:
        j -= 1
    a[i], a[j] = a[j], a[i]
    a[i + 1 :] = reversed(a[i + 1 :])
    return a


def all_distinct_permutations(seq: Sequence) -> list[list]:
    """Every distinct arrangement of seq in sorted order (handles repeats)."""
    current: list | None = sorted(seq)
    result = []
    while current is not None:
        result.append(current)
        current = next_permutation(current)
    return result


def integer_partitions(n: int, max_part: int | None = None) -> Iterator[tuple[int, ...]]:
    """Partitions of n into non-increasing parts, largest first partition first."""
    if n < 0:
        raise ValueError("n must be non-negative")
    limit = n if max_part is None else min(max_part, n)
    if n == 0:
        yield ()
    for first in range(limit, 0, -1):
        for rest in integer_partitions(n - first, first):
            yield (first,) + rest


def partition_count(n: int) -> int:
    """Number of integer partitions of n."""
    if n < 0:
        return 0
    counts = [1] + [0] * n
    for part in range(1, n + 1):
        for total in range(part, n + 1):
            counts[total] += counts[total - part]
    return counts[n]


def pascal_row(n: int) -> list[int]:
    """Row n of Pascal's triangle (row 0 is [1])."""
    if n < 0:
        raise ValueError("row index must be non-negative")
    row = [1]
    for _ in range(n):
        row = [1] + [row[k] + row[k + 1] for k in range(len(row) - 1)] + [1]
    return row


def pascal_triangle(rows: int) -> list[list[int]]:
    return [pascal_row(i) for i in range(rows)]


def binomial(n: int, k: int) -> int:
    """C(n, k) read off Pascal's triangle; zero outside 0 <= k <= n."""
    if k < 0 or k > n:
        return 0
    return pascal_row(n)[k]


def catalan(n: int) -> int:
    """n-th Catalan number via C(2n, n) / (n + 1)."""
    if n < 0:
        raise ValueError("n must be non-negative")
    return binomial(2 * n, n) // (n + 1)


def catalan_sequence(count: int) -> list[int]:
    """First count Catalan numbers by the convolution recurrence."""
    seq: list[int] = []
    for n in range(count):
        if n == 0:
            seq.append(1)
        else:
            seq.append(sum(seq[i] * seq[n - 1 - i] for i in range(n)))
    return seq


def gray_code(bits: int) -> list[int]:
    """Reflected binary Gray code sequence of length 2**bits."""
    if bits < 0:
        raise ValueError("bits must be non-negative")
    return [i ^ (i >> 1) for i in range(1 << bits)]


def gray_to_binary(g: int) -> int:
    """Inverse of the Gray mapping i -> i ^ (i >> 1)."""
    value = 0
    while g:
        value ^= g
        g >>= 1
    return value


def is_gray_sequence(codes: Sequence[int]) -> bool:
    """True if consecutive codes (cyclically) differ in exactly one bit."""
    if len(codes) < 2:
        return True
    for i in range(len(codes)):
        diff = codes[i] ^ codes[(i + 1) % len(codes)]
        if diff == 0 or diff & (diff - 1):
            return False
    return True
