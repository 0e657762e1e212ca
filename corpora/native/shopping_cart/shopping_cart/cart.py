"""Cart lines with quantities and integer-cent unit prices."""
from __future__ import annotations

from dataclasses import dataclass


class CartError(Exception):
    """Raised for invalid cart operations."""


@dataclass
class LineItem:
    sku: str
    unit_price: int
    quantity: int
    category: str = "general"

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


class Cart:
    def __init__(self) -> None:
        self._lines: dict[str, LineItem] = {}

    def add(self, sku: str, unit_price: int, quantity: int = 1, category: str = "general") -> LineItem:
        if quantity <= 0:
            raise CartError("quantity must be positive")
        if unit_price < 0:
            raise CartError("price must be non-negative")
        line = self._lines.get(sku)
        if line is None:
            line = LineItem(sku, unit_price, quantity, category)
            self._lines[sku] = line
            return line
        if line.unit_price != unit_price or line.category != category:
            raise CartError(f"conflicting details for {sku}")
        line.quantity += quantity
        return line

    def remove(self, sku: str, quantity: int | None = None) -> None:
        """Remove some units of a line, or the whole line when quantity is None."""
        line = self.get(sku)
        if quantity is None or quantity >= line.quantity:
            del self._lines[sku]
        elif quantity <= 0:
            raise CartError("quantity must be positive")
        else:
            line.quantity -= quantity

    def set_quantity(self, sku: str, quantity: int) -> None:
        line = self.get(sku)
        if quantity < 0:
            raise CartError("quantity must be non-negative")
        if quantity == 0:
            del self._lines[sku]
        else:
            line.quantity = quantity

    def get(self, sku: str) -> LineItem:
        if sku not in self._lines:
            raise CartError(f"{sku} not in cart")
        return self._lines[sku]

    def lines(self) -> list[LineItem]:
        return [self._lines[sku] for sku in sorted(self._lines)]

    def subtotal(self) -> int:
        return sum(line.total for line in self._lines.values())

    def item_count(self) -> int:
        return sum(line.quantity for line in self._lines.values())

    def __len__(self) -> int:
        return len(self._lines)
