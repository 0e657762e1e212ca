"""Library lending package (days are plain integers)."""
from .catalog import Book, Catalog, LibraryError
from .loans import Library, Loan
from .members import Member, Registry

__all__ = ["Book", "Catalog", "Library", "LibraryError", "Loan", "Member", "Registry"]
