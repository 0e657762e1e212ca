"""Singly and doubly linked list implementations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any


class _Node:
    __slots__ = ("value", "next")

    def __init__(self, value: Any, next: _Node | None = None) -> None:
        self.value = value
        self.next = next


class _DNode:
    __slots__ = ("value", "prev", "next")

    def __init__(self, value: Any, prev: _DNode | None, next: _DNode | None) -> None:
        self.value = value
        self.prev = prev
        self.next = next


class SinglyLinkedList:
    """A singly linked list keeping head, tail and size."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self.head: _Node | None = None
        self.tail: _Node | None = None
        self._size = 0
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def __repr__(self) -> str:
        return f"SinglyLinkedList({list(self)!r})"

    def append(self, value: Any) -> None:
        node = _Node(value)
        if self.tail is None:
            self.head = self.tail = node
        else:
            self.tail.next = node
            self.tail = node
        self._size += 1

    def prepend(self, value: Any) -> None:
        self.head = _Node(value, self.head)
        if self.tail is None:
            self.tail = self.head
        self._size += 1

    def _node_before(self, index: int) -> _Node:
        node = self.head
        for _ in range(index - 1):
            node = node.next
        return node

    def insert(self, index: int, value: Any) -> None:
        """Insert before position ``index`` (0 <= index <= len)."""
        if not 0 <= index <= self._size:
            raise IndexError("insert index out of range")
        if index == 0:
            self.prepend(value)
        elif index == self._size:
            self.append(value)
        else:
            before = self._node_before(index)
            before.next = _Node(value, before.next)
            self._size += 1

    def find(self, value: Any) -> int:
        """Index of the first occurrence of ``value`` or -1."""
        for i, item in enumerate(self):
            if item == value:
                return i
        return -1

    def remove(self, value: Any) -> bool:
        """Remove the first occurrence; return whether something was removed."""
        prev = None
        node = self.head
        while node is not None:
            if node.value == value:
                self._unlink(prev, node)
                return True
            prev, node = node, node.next
        return False

    def _unlink(self, prev: _Node | None, node: _Node) -> None:
        if prev is None:
            self.head = node.next
        else:
            prev.next = node.next
        if node is self.tail:
            self.tail = prev
        self._size -= 1

    def pop(self, index: int = -1) -> Any:
        """Remove and return the item at ``index`` (default last); IndexError if out of range."""
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("pop index out of range")
        prev = None if index == 0 else self._node_before(index)
        node = self.head if prev is None else prev.next
        self._unlink(prev, node)
        return node.value

    def reverse(self) -> None:
        prev = None
        node = self.head
        self.tail = node
        while node is not None:
            node.next, prev, node = prev, node, node.next
        self.head = prev

    def to_list(self, start: int | None = None, stop: int | None = None, step: int | None = None) -> list:
        """Return the elements selected by the given slice as a Python list."""
        return list(self)[start:stop:step]

    def remove_duplicates(self) -> int:
        """Keep only the first occurrence of each value; return how many were removed."""
        if self.head is None:
            return 0
        seen = {self.head.value}
        removed = 0
        prev = self.head
        while prev.next is not None:
            node = prev.next
            if node.value in seen:
                self._unlink(prev, node)
                removed += 1
            else:
                seen.add(node.value)
                prev = node
        return removed


class DoublyLinkedList:
    """A doubly linked list supporting operations at both ends."""

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self.head: _DNode | None = None
        self.tail: _DNode | None = None
        self._size = 0
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Any]:
        node = self.head
        while node is not None:
            yield node.value
            node = node.next

    def __reversed__(self) -> Iterator[Any]:
        node = self.tail
        while node is not None:
            yield node.value
            node = node.prev

    def __repr__(self) -> str:
        return f"DoublyLinkedList({list(self)!r})"

    def _link_after(self, anchor: _DNode | None, value: Any) -> None:
        """Insert a new node after ``anchor``; anchor None means at the front."""
        node = _DNode(value, anchor, self.head if anchor is None else anchor.next)
        if node.next is None:
            self.tail = node
        else:
            node.next.prev = node
        if anchor is None:
            self.head = node
        else:
            anchor.next = node
        self._size += 1

    def _unlink(self, node: _DNode) -> Any:
        if node.prev is None:
            self.head = node.next
        else:
            node.prev.next = node.next
        if node.next is None:
            self.tail = node.prev
        else:
            node.next.prev = node.prev
        self._size -= 1
        return node.value

    def _node_at(self, index: int) -> _DNode:
        if index < self._size // 2:
            node = self.head
            for _ in range(index):
                node = node.next
        else:
            node = self.tail
            for _ in range(self._size - 1 - index):
                node = node.prev
        return node

    def append(self, value: Any) -> None:
        self._link_after(self.tail, value)

    def prepend(self, value: Any) -> None:
        self._link_after(None, value)

    def insert(self, index: int, value: Any) -> None:
        if not 0 <= index <= self._size:
            raise IndexError("insert index out of range")
        anchor = None if index == 0 else self._node_at(index - 1)
        self._link_after(anchor, value)

    def find(self, value: Any) -> int:
        for i, item in enumerate(self):
            if item == value:
                return i
        return -1

    def remove(self, value: Any) -> bool:
        node = self.head
        while node is not None:
            if node.value == value:
                self._unlink(node)
                return True
            node = node.next
        return False

    def pop(self, index: int = -1) -> Any:
        """Remove and return the item at ``index`` (default last); IndexError if out of range."""
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("pop index out of range")
        return self._unlink(self._node_at(index))

    def popleft(self) -> Any:
        return self.pop(0)

    def reverse(self) -> None:
        node = self.head
        while node is not None:
            node.prev, node.next = node.next, node.prev
            node = node.prev
        self.head, self.tail = self.tail, self.head

    def to_list(self, start: int | None = None, stop: int | None = None, step: int | None = None) -> list:
        return list(self)[start:stop:step]

    def remove_duplicates(self) -> int:
        seen = set()
        removed = 0
        node = self.head
        while node is not None:
            nxt = node.next
            if node.value in seen:
                self._unlink(node)
                removed += 1
            else:
                seen.add(node.value)
            node = nxt
        return removed
