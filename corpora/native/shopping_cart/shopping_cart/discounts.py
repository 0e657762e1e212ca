"""Discount rules: line-level (percent, buy X get Y) and order-level (fixed, coupons)."""
from __future__ import annotations

from dataclasses import dataclass

from .cart import CartError, LineItem
from .pricing import round_div


@dataclass(frozen=True)
class PercentOff:
    """Percentage off every line matching a sku or a category."""
    percent: int
    sku: str | None = None
    category: str | None = None

    def __post_init__(self) -> None:
        if not 0 < self.percent <= 100:
            raise CartError("percent must be in 1..100")

    def matches(self, line: LineItem) -> bool:
        if self.sku is not None:
            return line.sku == self.sku
        if self.category is not None:
            return line.category == self.category
        return True

    def line_discount(self, line: LineItem) -> int:
        if not self.matches(line):
            return 0
        # discounts round half up, in the customer's favour
        return round_div(line.total * self.percent, 100, "half_up")


@dataclass(frozen=True)
class BuyXGetY:
    """For every `buy` paid units of a sku, `get` further units are free."""
    sku: str
    buy: int
    get: int

    def __post_init__(self) -> None:
        if self.buy < 1 or self.get < 1:
            raise CartError("buy and get must be at least 1")

    def line_discount(self, line: LineItem) -> int:
        if line.sku != self.sku:
            return 0
        groups = line.quantity // (self.buy + self.get)
        return groups * self.get * line.unit_price


@dataclass(frozen=True)
class FixedOff:
    """A fixed amount off the order, never more than the order itself."""
    amount: int

    def order_discount(self, total: int) -> int:
        return min(self.amount, total)


@dataclass(frozen=True)
class Coupon:
    """A code that grants a percentage or a fixed amount once the spend is high enough."""
    code: str
    percent: int = 0
    amount: int = 0
    min_spend: int = 0

    def __post_init__(self) -> None:
        if (self.percent > 0) == (self.amount > 0):
            raise CartError("coupon needs exactly one of percent or amount")

    def eligible(self, spend: int) -> bool:
        return spend >= self.min_spend

    def order_discount(self, total: int) -> int:
        if self.percent:
            return round_div(total * self.percent, 100, "half_up")
        return FixedOff(self.amount).order_discount(total)
