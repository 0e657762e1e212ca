"""Library members, their loan limits and outstanding fees."""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import LibraryError


@dataclass
class Member:
    member_id: int
    name: str
    loan_limit: int = 3
    fees: int = 0  # cents owed

    def charge(self, amount: int) -> int:
        if amount < 0:
            raise LibraryError("cannot charge a negative amount")
        self.fees += amount
        return self.fees

    def pay(self, amount: int) -> int:
        if amount <= 0:
            raise LibraryError("payment must be positive")
        if amount > self.fees:
            raise LibraryError(f"payment {amount} exceeds fees owed {self.fees}")
        self.fees -= amount
        return self.fees


class Registry:
    def __init__(self) -> None:
        self.members: dict[int, Member] = {}
        self._next_id = 1

    def register(self, name: str, loan_limit: int = 3) -> Member:
        if loan_limit < 1:
            raise LibraryError("loan limit must be at least 1")
        member = Member(self._next_id, name, loan_limit)
        self.members[member.member_id] = member
        self._next_id += 1
        return member

    def get(self, member_id: int) -> Member:
        member = self.members.get(member_id)
        if member is None:
            raise LibraryError(f"unknown member {member_id}")
        return member

    def debtors(self, threshold: int) -> list[Member]:
        """Members owing at least threshold, biggest debt first."""
        owing = [m for m in self.members.values() if m.fees >= threshold]
        return sorted(owing, key=lambda m: (-m.fees, m.member_id))
