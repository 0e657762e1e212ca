"""Prefix tree with word frequencies, autocomplete and pruning deletes."""

from __future__ import annotations

from collections.abc import Iterator


class _Node:
    __slots__ = ("children", "count", "passing")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.count = 0      # how many times the word ending here was inserted
        self.passing = 0    # how many distinct words pass through this node


class Trie:
    def __init__(self, words: list[str] | None = None) -> None:
        self._root = _Node()
        self._size = 0
        for word in words or []:
            self.insert(word)

    def __len__(self) -> int:
        """Number of distinct words stored."""
        return self._size

    def __contains__(self, word: str) -> bool:
        return self.search(word)

    def insert(self, word: str, times: int = 1) -> None:
        """Add ``word``; inserting it again raises its frequency."""
        if times < 1:
            raise ValueError("times must be positive")
        if self.search(word):
            self._walk(word).count += times
            return
        node = self._root
        node.passing += 1
        for ch in word:
            node = node.children.setdefault(ch, _Node())
            node.passing += 1
        node.count = times
        self._size += 1

    def _walk(self, prefix: str) -> _Node | None:
        node = self._root
        for ch in prefix:
            node = node.children.get(ch)
            if node is None:
                return None
        return node

    def search(self, word: str) -> bool:
        node = self._walk(word)
        return node is not None and node.count > 0

    def frequency(self, word: str) -> int:
        node = self._walk(word)
        return 0 if node is None else node.count

    def starts_with(self, prefix: str) -> bool:
        node = self._walk(prefix)
        return node is not None and node.passing > 0

    def count_prefix(self, prefix: str) -> int:
        """Number of distinct words beginning with ``prefix``."""
        node = self._walk(prefix)
        return 0 if node is None else node.passing

    def _collect(self, node: _Node, prefix: str) -> Iterator[tuple[str, int]]:
        if node.count:
            yield prefix, node.count
        for ch, child in node.children.items():
            yield from self._collect(child, prefix + ch)

    def words(self, prefix: str = "") -> list[str]:
        """All stored words with ``prefix`` in lexicographic order."""
        node = self._walk(prefix)
        if node is None:
            return []
        return sorted(word for word, _ in self._collect(node, prefix))

    def autocomplete(self, prefix: str, limit: int | None = None) -> list[str]:
        """Completions ordered by descending frequency, then alphabetically."""
        node = self._walk(prefix)
        if node is None:
            return []
        ranked = sorted(self._collect(node, prefix), key=lambda pair: (-pair[1], pair[0]))
        if limit is not None:
            ranked = ranked[:limit]
        return [word for word, _ in ranked]

    def delete(self, word: str) -> bool:
        """Remove ``word`` entirely, pruning branches no other word needs."""
        if not self.search(word):
            return False
        node = self._root
        node.passing -= 1
        for ch in word:
            child = node.children[ch]
            child.passing -= 1
            if child.passing == 0:
                del node.children[ch]
                break
            node = child
        else:
            node.count = 0
        self._size -= 1
        return True

    def node_count(self) -> int:
        """Total nodes excluding the root (useful to verify pruning)."""
        stack = [self._root]
        total = 0
        while stack:
            node = stack.pop()
            total += len(node.children)
            stack.extend(node.children.values())
        return total

    def longest_common_prefix(self) -> str:
        """Longest prefix shared by every stored word ("" for an empty trie)."""
        node = self._root
        chars = []
        while len(node.children) == 1 and node.count == 0:
            ch, node = next(iter(node.children.items()))
            chars.append(ch)
        return "".join(chars)
