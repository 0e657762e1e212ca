"""Borrowing, returning, renewing and reserving books."""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog, LibraryError
from .members import Registry


@dataclass
class Loan:
    member_id: int
    isbn: str
    start: int
    due: int
    renewals: int = 0

    def days_late(self, today: int) -> int:
        return max(0, today - self.due)


class Library:
    LOAN_DAYS = 14
    FEE_PER_DAY = 25
    FEE_CAP = 1000
    MAX_RENEWALS = 2
    BLOCKING_FEES = 500

    def __init__(self, catalog: Catalog, registry: Registry) -> None:
        self.catalog = catalog
        self.registry = registry
        self.loans: list[Loan] = []
        self.queues: dict[str, list[int]] = {}
        self.holds: dict[str, list[int]] = {}

    # -- queries -----------------------------------------------------------
    def on_loan(self, isbn: str) -> int:
        return sum(1 for loan in self.loans if loan.isbn == isbn)

    def available(self, isbn: str) -> int:
        """Copies on the shelf that nobody has a hold on."""
        book = self.catalog.get(isbn)
        return book.copies - self.on_loan(isbn) - len(self.holds.get(isbn, []))

    def loans_of(self, member_id: int) -> list[Loan]:
        return [loan for loan in self.loans if loan.member_id == member_id]

    def find_loan(self, member_id: int, isbn: str) -> Loan:
        for loan in self.loans:
            if loan.member_id == member_id and loan.isbn == isbn:
                return loan
        raise LibraryError(f"member {member_id} has not borrowed {isbn}")

    def overdue(self, today: int) -> list[Loan]:
        late = [loan for loan in self.loans if loan.days_late(today) > 0]
        return sorted(late, key=lambda loan: (loan.due, loan.member_id))

    @classmethod
    def late_fee(cls, days_late: int) -> int:
        return min(days_late * cls.FEE_PER_DAY, cls.FEE_CAP)

    # -- operations --------------------------------------------------------
    def borrow(self, member_id: int, isbn: str, today: int) -> Loan:
        member = self.registry.get(member_id)
        self.catalog.get(isbn)
        if member.fees >= self.BLOCKING_FEES:
            raise LibraryError("outstanding fees block borrowing")
        if len(self.loans_of(member_id)) >= member.loan_limit:
            raise LibraryError("loan limit reached")
        if any(loan.isbn == isbn for loan in self.loans_of(member_id)):
            raise LibraryError("member already has this book")
        holds = self.holds.get(isbn, [])
        if member_id in holds:
            holds.remove(member_id)
        elif self.available(isbn) <= 0:
            raise LibraryError(f"no copy of {isbn} available")
        loan = Loan(member_id, isbn, today, today + self.LOAN_DAYS)
        self.loans.append(loan)
        return loan

    def return_book(self, member_id: int, isbn: str, today: int) -> int:
        """Return a loan, charging any late fee; the copy goes to the next reserver."""
        loan = self.find_loan(member_id, isbn)
        self.loans.remove(loan)
        fee = self.late_fee(loan.days_late(today))
        if fee:
            self.registry.get(member_id).charge(fee)
        queue = self.queues.get(isbn)
        if queue:
            self.holds.setdefault(isbn, []).append(queue.pop(0))
        return fee

    def renew(self, member_id: int, isbn: str, today: int) -> int:
        loan = self.find_loan(member_id, isbn)
        if today > loan.due:
            raise LibraryError("overdue loans cannot be renewed")
        if loan.renewals >= self.MAX_RENEWALS:
            raise LibraryError("renewal limit reached")
        if self.queues.get(isbn):
            raise LibraryError("book is reserved by another member")
        loan.due += self.LOAN_DAYS
        loan.renewals += 1
        return loan.due

    def reserve(self, member_id: int, isbn: str) -> int:
        """Join the queue for a book with no free copy; returns the 1-based position."""
        self.registry.get(member_id)
        if self.available(isbn) > 0:
            raise LibraryError("a copy is available, borrow it instead")
        queue = self.queues.setdefault(isbn, [])
        if member_id in queue or member_id in self.holds.get(isbn, []):
            raise LibraryError("already reserved")
        if any(loan.isbn == isbn for loan in self.loans_of(member_id)):
            raise LibraryError("member already has this book")
        queue.append(member_id)
        return len(queue)

    def cancel_reservation(self, member_id: int, isbn: str) -> None:
        queue = self.queues.get(isbn, [])
        if member_id not in queue:
            raise LibraryError("no such reservation")
        queue.remove(member_id)
