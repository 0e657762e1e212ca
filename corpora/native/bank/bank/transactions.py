"""The Bank coordinates accounts and records every movement."""
from __future__ import annotations

from dataclasses import dataclass

from .accounts import Account, BankError


@dataclass(frozen=True)
class Transaction:
    tx_id: int
    kind: str  # "deposit", "withdrawal", "transfer", "interest"
    amount: int
    source: str | None
    target: str | None
    day: int


class Bank:
    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.transactions: list[Transaction] = []
        self.day = 0

    def open(self, number: str, owner: str, **kwargs: int) -> Account:
        if number in self.accounts:
            raise BankError(f"account {number} already exists")
        account = Account(number, owner, **kwargs)
        self.accounts[number] = account
        if account.balance > 0:
            self._record("deposit", account.balance, None, number)
        elif account.balance < 0:
            self._record("withdrawal", -account.balance, number, None)
        return account

    def get(self, number: str) -> Account:
        if number not in self.accounts:
            raise BankError(f"no such account {number}")
        return self.accounts[number]

    def advance(self, days: int) -> int:
        if days < 0:
            raise BankError("time cannot go backwards")
        self.day += days
        return self.day

    def _record(self, kind: str, amount: int, source: str | None,
                target: str | None) -> Transaction:
        tx = Transaction(len(self.transactions) + 1, kind, amount, source, target, self.day)
        self.transactions.append(tx)
        return tx

    def deposit(self, number: str, amount: int) -> Transaction:
        self.get(number).deposit(amount)
        return self._record("deposit", amount, None, number)

    def withdraw(self, number: str, amount: int) -> Transaction:
        self.get(number).withdraw(amount)
        return self._record("withdrawal", amount, number, None)

    def transfer(self, source: str, target: str, amount: int) -> Transaction:
        """Move money between two accounts; either both sides change or neither."""
        if source == target:
            raise BankError("cannot transfer to the same account")
        src = self.get(source)
        dst = self.get(target)
        if dst.frozen:
            raise BankError(f"account {target} is frozen")
        src.withdraw(amount)
        dst.deposit(amount)
        return self._record("transfer", amount, source, target)

    def apply_monthly_interest(self) -> dict[str, int]:
        """Post interest to every account; returns the amounts posted."""
        posted: dict[str, int] = {}
        for number in sorted(self.accounts):
            account = self.accounts[number]
            interest = account.monthly_interest()
            if interest == 0:
                continue
            account.balance += interest
            if interest > 0:
                self._record("interest", interest, None, number)
            else:
                self._record("interest", -interest, number, None)
            posted[number] = interest
        return posted

    def history(self, number: str) -> list[Transaction]:
        self.get(number)
        return [t for t in self.transactions if number in (t.source, t.target)]
