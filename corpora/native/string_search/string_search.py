"""Exact string matching algorithms; every search returns all (overlapping) match starts."""

from collections.abc import Callable

HASH_BASE = 256
HASH_MODULUS = 1_000_003


def prefix_function(s: str) -> list[int]:
    """pi[i] = length of the longest proper border of s[:i+1]."""
    pi = [0] * len(s)
    for i in range(1, len(s)):
        k = pi[i - 1]
        while k > 0 and s[i] != s[k]:
            k = pi[k - 1]
        if s[i] == s[k]:
            k += 1
        pi[i] = k
    return pi


def kmp_search(text: str, pattern: str) -> list[int]:
    """Knuth-Morris-Pratt search."""
    if not pattern:
        return list(range(len(text) + 1))
    pi = prefix_function(pattern)
    matches = []
    k = 0
    for i, ch in enumerate(text):
        while k > 0 and ch != pattern[k]:
            k = pi[k - 1]
        if ch == pattern[k]:
            k += 1
        if k == len(pattern):
            matches.append(i - k + 1)
            k = pi[k - 1]
    return matches


def poly_hash(s: str, base: int = HASH_BASE, modulus: int = HASH_MODULUS) -> int:
    """Polynomial hash sum(ord(s[i]) * base**(len(s)-1-i)) modulo modulus."""
    h = 0
    for ch in s:
        h = (h * base + ord(ch)) % modulus
    return h


def rabin_karp(text: str, pattern: str, base: int = HASH_BASE, modulus: int = HASH_MODULUS) -> list[int]:
    """Rabin-Karp search with a rolling polynomial hash; hash hits are verified."""
    n, m = len(text), len(pattern)
    if m == 0:
        return list(range(n + 1))
    high = pow(base, m - 1, modulus)
    p_hash = poly_hash(pattern, base, modulus)
    t_hash = poly_hash(text[:m], base, modulus)
    matches = []
    for start in range(n - m + 1):
        if t_hash == p_hash and text[start : start + m] == pattern:
            matches.append(start)
        if start + m < n:
            t_hash = (t_hash - ord(text[start]) * high) % modulus
            t_hash = (t_hash * base + ord(text[start + m])) % modulus
    return matches


def z_function(s: str) -> list[int]:
    """z[i] = length of the longest common prefix of s and s[i:] (z[0] = len(s))."""
    n = len(s)
    z = [0] * n
    if n:
        z[0] = n
    left = right = 0
    for i in range(1, n):
        if i < right:
            z[i] = min(right - i, z[i - left])
        while i + z[i] < n and s[z[i]] == s[i + z[i]]:
            z[i] += 1
        if i + z[i] > right:
            left, right = i, i + z[i]
    return z


def z_search(text: str, pattern: str) -> list[int]:
    """Search using the Z-function of pattern + text."""
    m = len(pattern)
    if m == 0:
        return list(range(len(text) + 1))
    z = z_function(pattern + text)
    return [i - m for i in range(m, m + len(text)) if z[i] >= m]


def shift_table(pattern: str) -> dict[str, int]:
    """Horspool bad-character shifts for every character except the last one."""
    m = len(pattern)
    return {ch: m - 1 - i for i, ch in enumerate(pattern[:-1])}


def horspool(text: str, pattern: str) -> list[int]:
    """Boyer-Moore-Horspool search."""
    n, m = len(text), len(pattern)
    if m == 0:
        return list(range(n + 1))
    shifts = shift_table(pattern)
    matches = []
    pos = 0
    while pos <= n - m:
        j = m - 1
        while j >= 0 and text[pos + j] == pattern[j]:
            j -= 1
        if j < 0:
            matches.append(pos)
        pos += shifts.get(text[pos + m - 1], m)
    return matches


SEARCHERS: dict[str, Callable[[str, str], list[int]]] = {
    "kmp": kmp_search,
    "rabin-karp": rabin_karp,
    "z": z_search,
    "horspool": horspool,
}


def find_all(text: str, pattern: str, method: str = "kmp", overlapping: bool = True) -> list[int]:
    """All match positions using the named algorithm."""
    try:
        search = SEARCHERS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}") from None
    matches = search(text, pattern)
    if overlapping or not pattern:
        return matches
    kept = []
    next_free = 0
    for pos in matches:
        if pos >= next_free:
            kept.append(pos)
            next_free = pos + len(pattern)
    return kept


def longest_prefix_suffix(s: str) -> str:
    """Longest proper prefix of s that is also a suffix."""
    if not s:
        return ""
    return s[: prefix_function(s)[-1]]


def shortest_period(s: str) -> int:
    """Smallest p such that s[i] == s[i + p] for all valid i."""
    if not s:
        return 0
    return len(s) - prefix_function(s)[-1]
