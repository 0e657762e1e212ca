"""Accounts hold a balance in cents and enforce an overdraft limit."""
from __future__ import annotations


class BankError(Exception):
    """Base error for invalid banking operations."""


class InsufficientFunds(BankError):
    """Raised when a withdrawal would exceed the overdraft limit."""


class Account:
    def __init__(self, number: str, owner: str, balance: int = 0,
                 overdraft_limit: int = 0, annual_rate_bp: int = 0) -> None:
        if overdraft_limit < 0:
            raise BankError("overdraft limit must be non-negative")
        if balance < -overdraft_limit:
            raise BankError("opening balance exceeds overdraft limit")
        self.number = number
        self.owner = owner
        self.balance = balance
        self.overdraft_limit = overdraft_limit
        self.annual_rate_bp = annual_rate_bp  # basis points, 100 bp = 1 %
        self.frozen = False

    def available(self) -> int:
        """Money that can still be withdrawn, including overdraft room."""
        return self.balance + self.overdraft_limit

    def can_withdraw(self, amount: int) -> bool:
        return not self.frozen and amount <= self.available()

    def _check_amount(self, amount: int) -> None:
        if amount <= 0:
            raise BankError("amount must be positive")
        if self.frozen:
            raise BankError(f"account {self.number} is frozen")

    def deposit(self, amount: int) -> int:
        self._check_amount(amount)
        self.balance += amount
        return self.balance

    def withdraw(self, amount: int) -> int:
        self._check_amount(amount)
        if amount > self.available():
            raise InsufficientFunds(
                f"account {self.number}: requested {amount}, available {self.available()}"
            )
        self.balance -= amount
        return self.balance

    def monthly_interest(self) -> int:
        """Interest for one month, rounded half up to whole cents.

        Positive balances earn the account rate; overdrawn balances are charged
        twice the rate. Returns the signed amount to post."""
        if self.balance > 0:
            numerator = self.balance * self.annual_rate_bp
        else:
            numerator = self.balance * self.annual_rate_bp * 2
        denominator = 10000 * 12
        magnitude = (abs(numerator) * 2 + denominator) // (2 * denominator)
        return magnitude if numerator > 0 else -magnitude
