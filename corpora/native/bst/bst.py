"""Unbalanced binary search tree with order statistics and range queries."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any


class _Node:
    __slots__ = ("key", "left", "right")

    def __init__(self, key: Any) -> None:
        self.key = key
        self.left: _Node | None = None
        self.right: _Node | None = None


class BST:
    """Set-like binary search tree; duplicate keys are ignored."""

    def __init__(self, keys: Iterable[Any] = ()) -> None:
        self._root: _Node | None = None
        self._size = 0
        for key in keys:
            self.insert(key)

    def __len__(self) -> int:
        return self._size

    def __contains__(self, key: Any) -> bool:
        return self.contains(key)

    def insert(self, key: Any) -> bool:
        """Insert ``key``; return False if it was already present."""
        if self._root is None:
            self._root = _Node(key)
            self._size = 1
            return True
        node = self._root
        while True:
            if key < node.key:
                side = "left"
            elif key > node.key:
                side = "right"
            else:
                return False
            child = getattr(node, side)
            if child is None:
                setattr(node, side, _Node(key))
                self._size += 1
                return True
            node = child

    def contains(self, key: Any) -> bool:
        node = self._root
        while node is not None:
            if key < node.key:
                node = node.left
            elif key > node.key:
                node = node.right
            else:
                return True
        return False

    def delete(self, key: Any) -> bool:
        """Remove ``key``; return whether it was present."""
        self._root, removed = self._delete(self._root, key)
        if removed:
            self._size -= 1
        return removed

    def _delete(self, node: _Node | None, key: Any) -> tuple[_Node | None, bool]:
        if node is None:
            return None, False
        if key < node.key:
            node.left, removed = self._delete(node.left, key)
            return node, removed
        if key > node.key:
            node.right, removed = self._delete(node.right, key)
            return node, removed
        if node.left is None:
            return node.right, True
        if node.right is None:
            return node.left, True
        successor = node.right
        while successor.left is not None:
            successor = successor.left
        node.key = successor.key
        node.right, _ = self._delete(node.right, successor.key)
        return node, True

    def min(self) -> Any:
        if self._root is None:
            raise ValueError("min of empty tree")
        node = self._root
        while node.left is not None:
            node = node.left
        return node.key

    def max(self) -> Any:
        if self._root is None:
            raise ValueError("max of empty tree")
        node = self._root
        while node.right is not None:
            node = node.right
        return node.key

    def inorder(self) -> list[Any]:
        out: list[Any] = []
        stack: list[_Node] = []
        node = self._root
        while stack or node is not None:
            while node is not None:
                stack.append(node)
                node = node.left
            node = stack.pop()
            out.append(node.key)
            node = node.right
        return out

    def preorder(self) -> list[Any]:
        out: list[Any] = []
        stack = [self._root] if self._root else []
        while stack:
            node = stack.pop()
            out.append(node.key)
            if node.right:
                stack.append(node.right)
            if node.left:
                stack.append(node.left)
        return out

    def postorder(self) -> list[Any]:
        out: list[Any] = []

        def visit(node: _Node | None) -> None:
            if node is None:
                return
            visit(node.left)
            visit(node.right)
            out.append(node.key)

        visit(self._root)
        return out

    def level_order(self) -> list[list[Any]]:
        """Keys grouped by depth, left to right."""
        levels: list[list[Any]] = []
        queue = deque([self._root] if self._root else [])
        while queue:
            level = []
            for _ in range(len(queue)):
                node = queue.popleft()
                level.append(node.key)
                if node.left:
                    queue.append(node.left)
                if node.right:
                    queue.append(node.right)
            levels.append(level)
        return levels

    def height(self) -> int:
        """Number of edges on the longest root-to-leaf path; -1 for an empty tree."""
        return self._height(self._root)

    def _height(self, node: _Node | None) -> int:
        if node is None:
            return -1
        return 1 + max(self._height(node.left), self._height(node.right))

    def is_balanced(self) -> bool:
        """True if every node's subtrees differ in height by at most one."""
        return self._balanced_height(self._root) is not None

    def _balanced_height(self, node: _Node | None) -> int | None:
        if node is None:
            return -1
        left = self._balanced_height(node.left)
        if left is None:
            return None
        right = self._balanced_height(node.right)
        if right is None or abs(left - right) > 1:
            return None
        return 1 + max(left, right)

    def kth_smallest(self, k: int) -> Any:
        """The k-th smallest key, 1-based."""
        if not 1 <= k <= self._size:
            raise ValueError(f"k={k} out of range for tree of size {self._size}")
        stack: list[_Node] = []
        node = self._root
        while True:
            while node is not None:
                stack.append(node)
                node = node.left
            node = stack.pop()
            k -= 1
            if k == 0:
                return node.key
            node = node.right

    def floor(self, key: Any) -> Any | None:
        """Largest key <= ``key`` or None."""
        best = None
        node = self._root
        while node is not None:
            if node.key <= key:
                best = node.key
                node = node.right
            else:
                node = node.left
        return best

    def ceiling(self, key: Any) -> Any | None:
        """Smallest key >= ``key`` or None."""
        best = None
        node = self._root
        while node is not None:
            if node.key >= key:
                best = node.key
                node = node.left
            else:
                node = node.right
        return best

    def range_query(self, lo: Any, hi: Any) -> list[Any]:
        """Sorted keys k with lo <= k <= hi, skipping subtrees outside the range."""
        out: list[Any] = []

        def visit(node: _Node | None) -> None:
            if node is None:
                return
            if lo < node.key:
                visit(node.left)
            if lo <= node.key <= hi:
                out.append(node.key)
            if node.key < hi:
                visit(node.right)

        visit(self._root)
        return out
