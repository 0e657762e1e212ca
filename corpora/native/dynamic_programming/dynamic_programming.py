"""Table-based dynamic programming classics."""

from bisect import bisect_left
from collections.abc import Sequence


def lcs_table(a: Sequence, b: Sequence) -> list[list[int]]:
    """table[i][j] = length of the LCS of a[:i] and b[:j]."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table


def lcs_length(a: Sequence, b: Sequence) -> int:
    return lcs_table(a, b)[len(a)][len(b)]


def lcs_string(a: str, b: str) -> str:
    """One longest common subsequence; on ties the walk prefers moving up in a."""
    table = lcs_table(a, b)
    i, j = len(a), len(b)
    out = []
    while i > 0 and j > 0:
        if a[i - 1] == b[j - 1]:
            out.append(a[i - 1])
            i -= 1
            j -= 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return "".join(reversed(out))


def edit_distance(a: str, b: str, sub_cost: int = 1) -> int:
    """Levenshtein distance with unit insert/delete and configurable substitution."""
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            replace = prev[j - 1] + (0 if a[i - 1] == b[j - 1] else sub_cost)
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, replace)
        prev = cur
    return prev[len(b)]


def knapsack(weights: Sequence[int], values: Sequence[int], capacity: int) -> tuple[int, list[int]]:
    """0/1 knapsack: (best value, sorted indices of the chosen items)."""
    if len(weights) != len(values):
        raise ValueError("weights and values differ in length")
    if capacity < 0:
        raise ValueError("capacity must be non-negative")
    n = len(weights)
    best = [[0] * (capacity + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        w, v = weights[i - 1], values[i - 1]
        for cap in range(capacity + 1):
            best[i][cap] = best[i - 1][cap]
            if w <= cap and best[i - 1][cap - w] + v > best[i][cap]:
                best[i][cap] = best[i - 1][cap - w] + v
    chosen = []
    c = capacity
    for i in range(n, 0, -1):
        if best[i][c] != best[i - 1][c]:
            chosen.append(i - 1)
            c -= weights[i - 1]
    return best[n][capacity], sorted(chosen)


def coin_change_ways(coins: Sequence[int], amount: int) -> int:
    """Number of multisets of coins summing to amount."""
    if amount < 0:
        return 0
    ways = [1] + [0] * amount
    for coin in coins:
        for total in range(coin, amount + 1):
            ways[total] += ways[total - coin]
    return ways[amount]


def min_coins(coins: Sequence[int], amount: int) -> int:
    """Fewest coins summing to amount, or -1 if impossible."""
    if amount < 0:
        raise ValueError("amount must be non-negative")
    unreachable = amount + 1
    fewest = [0] + [unreachable] * amount
    for total in range(1, amount + 1):
        for coin in coins:
            if coin <= total and fewest[total - coin] + 1 < fewest[total]:
                fewest[total] = fewest[total - coin] + 1
    return fewest[amount] if fewest[amount] != unreachable else -1


def longest_increasing_subsequence(seq: Sequence) -> list:
    """A longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list = []
    tail_index: list[int] = []
    parent = [-1] * len(seq)
    for i, x in enumerate(seq):
        pos = bisect_left(tails, x)
        if pos == len(tails):
            tails.append(x)
            tail_index.append(i)
        else:
            tails[pos] = x
            tail_index[pos] = i
        if pos > 0:
            parent[i] = tail_index[pos - 1]
    result = []
    k = tail_index[-1] if tail_index else -1
    while k != -1:
        result.append(seq[k])
        k = parent[k]
    return result[::-1]


def rod_cutting(prices: Sequence[int], length: int) -> tuple[int, list[int]]:
    """Best revenue for a rod; prices[i] is the price of a piece of length i+1.

    Returns (revenue, piece lengths in non-increasing order).
    """
    if length < 0:
        raise ValueError("length must be non-negative")
    revenue = [0] * (length + 1)
    first_cut = [0] * (length + 1)
    for n in range(1, length + 1):
        for cut in range(1, min(n, len(prices)) + 1):
            candidate = prices[cut - 1] + revenue[n - cut]
            if candidate > revenue[n]:
                revenue[n] = candidate
                first_cut[n] = cut
    pieces = []
    n = length
    while first_cut[n]:
        pieces.append(first_cut[n])
        n -= first_cut[n]
    return revenue[length], sorted(pieces, reverse=True)
