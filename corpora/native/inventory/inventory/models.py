"""Plain data objects used by the inventory store."""
from __future__ import annotations

from dataclasses import dataclass, field


class InventoryError(Exception):
    """Raised for any invalid inventory operation."""


@dataclass
class Product:
    sku: str
    name: str
    unit_cost: int  # cents
    on_hand: int = 0
    reserved: int = 0
    restock_level: int = 0
    restock_quantity: int = 0

    def __post_init__(self) -> None:
        if not self.sku:
            raise InventoryError("sku must not be empty")
        if self.unit_cost < 0:
            raise InventoryError("unit cost must be non-negative")
        if self.on_hand < 0:
            raise InventoryError("stock must be non-negative")

    @property
    def available(self) -> int:
        """Units that are on hand and not reserved by open orders."""
        return self.on_hand - self.reserved

    def needs_restock(self) -> bool:
        return self.available <= self.restock_level

    def stock_value(self) -> int:
        return self.on_hand * self.unit_cost


@dataclass(frozen=True)
class OrderLine:
    sku: str
    quantity: int

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise InventoryError("order quantity must be positive")


@dataclass
class Order:
    order_id: int
    lines: list[OrderLine] = field(default_factory=list)
    status: str = "open"

    def quantity_of(self, sku: str) -> int:
        return sum(line.quantity for line in self.lines if line.sku == sku)

    def total_units(self) -> int:
        return sum(line.quantity for line in self.lines)
