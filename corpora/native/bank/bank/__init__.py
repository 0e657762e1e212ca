"""Toy banking package working in integer cents."""
from .accounts import Account, BankError, InsufficientFunds
from .ledger import Ledger, Statement
from .transactions import Bank, Transaction

__all__ = [
    "Account",
    "Bank",
    "BankError",
    "InsufficientFunds",
    "Ledger",
    "Statement",
    "Transaction",
]
