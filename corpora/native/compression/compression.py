"""Three classic lossless compression schemes on Python strings."""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

# ---------------------------------------------------------------- run length


def rle_encode(text: str, max_run: int = 9) -> list[tuple[str, int]]:
    """Runs of equal characters as (char, count), splitting runs longer than max_run."""
    if max_run < 1:
        raise ValueError("max_run must be positive")
    runs: list[tuple[str, int]] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and text[j] == text[i] and j - i < max_run:
            j += 1
        runs.append((text[i], j - i))
        i = j
    return runs


def rle_decode(runs: list[tuple[str, int]]) -> str:
    parts = []
    for char, count in runs:
        if count < 1 or len(char) != 1:
            raise ValueError(f"bad run {(char, count)!r}")
        parts.append(char * count)
    return "".join(parts)


def rle_to_string(runs: list[tuple[str, int]]) -> str:
    """Compact form such as '3a1b' (counts must be single digits)."""
    if any(count > 9 for _, count in runs):
        raise ValueError("runs longer than 9 cannot be written compactly")
    return "".join(f"{count}{char}" for char, count in runs)


def rle_from_string(encoded: str) -> list[tuple[str, int]]:
    if len(encoded) % 2:
        raise ValueError("compact RLE must have even length")
    runs = []
    for k in range(0, len(encoded), 2):
        digit, char = encoded[k], encoded[k + 1]
        if not digit.isdigit():
            raise ValueError(f"expected a count at position {k}")
        runs.append((char, int(digit)))
    return runs


# ------------------------------------------------------------------ Huffman


@dataclass
class Node:
    weight: int
    symbol: str | None = None
    left: Node | None = None
    right: Node | None = None


def build_huffman_tree(freqs: dict[str, int]) -> Node | None:
    """Merge the two lightest nodes repeatedly.

    Ties are broken by creation order: leaves are created in (weight, symbol)
    order and every merged node is newer than all existing ones."""
    if not freqs:
        return None
    heap: list[tuple[int, int, Node]] = []
    for order, (symbol, weight) in enumerate(sorted(freqs.items(), key=lambda kv: (kv[1], kv[0]))):
        heap.append((weight, order, Node(weight, symbol)))
    heapq.heapify(heap)
    order = len(heap)
    while len(heap) > 1:
        w1, _, first = heapq.heappop(heap)
        w2, _, second = heapq.heappop(heap)
        heapq.heappush(heap, (w1 + w2, order, Node(w1 + w2, None, first, second)))
        order += 1
    return heap[0][2]


def huffman_codes(tree: Node | None) -> dict[str, str]:
    """Left edges are '0', right edges '1'; a lone symbol gets code '0'."""
    if tree is None:
        return {}
    if tree.symbol is not None:
        return {tree.symbol: "0"}
    codes: dict[str, str] = {}
    stack: list[tuple[Node, str]] = [(tree, "")]
    while stack:
        node, prefix = stack.pop()
        if node.symbol is not None:
            codes[node.symbol] = prefix
            continue
        stack.append((node.right, prefix + "1"))
        stack.append((node.left, prefix + "0"))
    return codes


def huffman_encode(text: str) -> tuple[str, dict[str, str]]:
    codes = huffman_codes(build_huffman_tree(Counter(text)))
    return "".join(codes[ch] for ch in text), codes


def huffman_decode(bits: str, codes: dict[str, str]) -> str:
    lookup = {code: symbol for symbol, code in codes.items()}
    out = []
    current = ""
    for bit in bits:
        if bit not in "01":
            raise ValueError(f"invalid bit {bit!r}")
        current += bit
        if current in lookup:
            out.append(lookup[current])
            current = ""
    if current:
        raise ValueError("trailing bits do not form a code")
    return "".join(out)


# --------------------------------------------------------------------- LZ77


def _longest_match(data: str, pos: int, window: int, max_len: int) -> tuple[int, int]:
    """(offset, length) of the longest match starting inside the window; nearest wins ties."""
    best_offset, best_len = 0, 0
    for start in range(pos - 1, max(0, pos - window) - 1, -1):
        length = 0
        while length < max_len and data[start + length] == data[pos + length]:
            length += 1
        if length > best_len:
            best_offset, best_len = pos - start, length
    return best_offset, best_len


def lz77_encode(data: str, window: int = 16, lookahead: int = 8) -> list[tuple[int, int, str]]:
    """Triples (offset, length, next_char); matches may overlap the current position."""
    if window < 1 or lookahead < 1:
        raise ValueError("window and lookahead must be positive")
    triples = []
    pos = 0
    while pos < len(data):
        max_len = min(lookahead, len(data) - pos - 1)
        offset, length = _longest_match(data, pos, window, max_len)
        triples.append((offset, length, data[pos + length]))
        pos += length + 1
    return triples


def lz77_decode(triples: list[tuple[int, int, str]]) -> str:
    out: list[str] = []
    for offset, length, char in triples:
        if length and not 0 < offset <= len(out):
            raise ValueError(f"offset {offset} points before the start")
        start = len(out) - offset
        for k in range(length):
            out.append(out[start + k])
        out.append(char)
    return "".join(out)


# ------------------------------------------------------------------ metrics


def compression_ratio(original_bits: int, compressed_bits: int) -> float:
    """compressed / original; below 1.0 means the data got smaller."""
    if original_bits <= 0:
        raise ValueError("original size must be positive")
    return compressed_bits / original_bits


def huffman_ratio(text: str) -> float:
    """Huffman bits (codes only, no table) against 8 bits per character."""
    bits, _ = huffman_encode(text)
    return compression_ratio(8 * len(text), len(bits))


def lz77_ratio(text: str, window: int = 16, lookahead: int = 8) -> float:
    """Each triple costs offset and length fields sized to the window/lookahead plus 8 bits."""
    triples = lz77_encode(text, window, lookahead)
    per_triple = window.bit_length() + lookahead.bit_length() + 8
    return compression_ratio(8 * len(text), per_triple * len(triples))
