"""Books and the catalogue of owned copies."""
from __future__ import annotations

from dataclasses import dataclass


class LibraryError(Exception):
    """Raised for any rejected library operation."""


@dataclass
class Book:
    isbn: str
    title: str
    author: str
    copies: int = 1


class Catalog:
    def __init__(self) -> None:
        self.books: dict[str, Book] = {}

    def add(self, book: Book) -> Book:
        if book.copies < 1:
            raise LibraryError("a book needs at least one copy")
        if book.isbn in self.books:
            raise LibraryError(f"isbn {book.isbn} already catalogued")
        self.books[book.isbn] = book
        return book

    def add_copies(self, isbn: str, count: int) -> int:
        if count < 1:
            raise LibraryError("count must be positive")
        book = self.get(isbn)
        book.copies += count
        return book.copies

    def get(self, isbn: str) -> Book:
        book = self.books.get(isbn)
        if book is None:
            raise LibraryError(f"unknown isbn {isbn}")
        return book

    def search(self, text: str) -> list[str]:
        """ISBNs whose title or author contains text (case-insensitive), sorted by title."""
        needle = text.lower().strip()
        if not needle:
            return []
        hits = [
            b for b in self.books.values()
            if needle in b.title.lower() or needle in b.author.lower()
        ]
        hits.sort(key=lambda b: (b.title.lower(), b.isbn))
        return [b.isbn for b in hits]
