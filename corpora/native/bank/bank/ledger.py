"""Ledger replay, reconciliation and statements."""
from __future__ import annotations

from dataclasses import dataclass

from .transactions import Bank, Transaction


def signed_amount(tx: Transaction, number: str) -> int:
    """Effect of a transaction on one account's balance."""
    delta = 0
    if tx.target == number:
        delta += tx.amount
    if tx.source == number:
        delta -= tx.amount
    return delta


@dataclass
class Statement:
    number: str
    start_day: int
    end_day: int
    opening: int
    closing: int
    lines: list[tuple[int, str, int, int]]  # (day, kind, signed amount, running balance)

    def total_in(self) -> int:
        return sum(amount for _, _, amount, _ in self.lines if amount > 0)

    def total_out(self) -> int:
        return -sum(amount for _, _, amount, _ in self.lines if amount < 0)


class Ledger:
    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    def replay_balance(self, number: str, up_to_day: int | None = None) -> int:
        """Balance reconstructed purely from the transaction log."""
        balance = 0
        for tx in self.bank.history(number):
            if up_to_day is not None and tx.day > up_to_day:
                break
            balance += signed_amount(tx, number)
        return balance

    def discrepancies(self) -> dict[str, int]:
        """Accounts whose stored balance differs from the replayed one (stored - replayed)."""
        result: dict[str, int] = {}
        for number, account in sorted(self.bank.accounts.items()):
            diff = account.balance - self.replay_balance(number)
            if diff != 0:
                result[number] = diff
        return result

    def is_reconciled(self) -> bool:
        return not self.discrepancies()

    def total_deposits(self) -> int:
        """Net external money that entered the bank (deposits + interest - withdrawals)."""
        total = 0
        for tx in self.bank.transactions:
            if tx.kind == "transfer":
                continue
            if tx.target is not None:
                total += tx.amount
            else:
                total -= tx.amount
        return total

    def statement(self, number: str, start_day: int, end_day: int) -> Statement:
        if end_day < start_day:
            raise ValueError("end_day before start_day")
        opening = self.replay_balance(number, start_day - 1)
        running = opening
        lines = []
        for tx in self.bank.history(number):
            if tx.day < start_day or tx.day > end_day:
                continue
            amount = signed_amount(tx, number)
            running += amount
            lines.append((tx.day, tx.kind, amount, running))
        return Statement(number, start_day, end_day, opening, running, lines)
