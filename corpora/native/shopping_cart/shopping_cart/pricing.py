"""Checkout: line discounts, per-category tax, then order-level discounts."""
from __future__ import annotations

from dataclasses import dataclass, field

from .cart import Cart


def round_div(numerator: int, denominator: int, mode: str = "half_even") -> int:
    """Divide non-negative integers, rounding by the given rule."""
    if denominator <= 0 or numerator < 0:
        raise ValueError("round_div needs numerator >= 0 and denominator > 0")
    quotient, remainder = divmod(numerator, denominator)
    if mode == "down":
        return quotient
    twice = remainder * 2
    if twice > denominator:
        return quotient + 1
    if twice < denominator:
        return quotient
    if mode == "half_up":
        return quotient + 1
    if mode == "half_even":
        return quotient + (quotient % 2)
    raise ValueError(f"unknown rounding mode {mode!r}")


@dataclass
class Receipt:
    subtotal: int = 0
    line_discount: int = 0
    tax: int = 0
    order_discount: int = 0
    tax_by_category: dict[str, int] = field(default_factory=dict)
    applied_codes: list[str] = field(default_factory=list)
    rejected_codes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.subtotal - self.line_discount + self.tax - self.order_discount


def best_line_discounts(cart: Cart, rules: tuple = ()) -> dict[str, int]:
    """Per sku, the single largest line discount any rule offers (rules do not stack)."""
    result: dict[str, int] = {}
    for line in cart.lines():
        best = 0
        for rule in rules:
            best = max(best, rule.line_discount(line))
        if best:
            result[line.sku] = min(best, line.total)
    return result


def category_tax(net_by_category: dict[str, int], rates_bp: dict[str, int]) -> dict[str, int]:
    """Tax per category (rates in basis points), rounded half to even per category."""
    taxes: dict[str, int] = {}
    for category in sorted(net_by_category):
        rate = rates_bp.get(category, rates_bp.get("default", 0))
        taxes[category] = round_div(net_by_category[category] * rate, 10000, "half_even")
    return taxes


def checkout(cart: Cart, line_rules: tuple = (), tax_rates_bp: dict[str, int] | None = None,
             order_rules: tuple = (), coupons: dict | None = None,
             codes: tuple[str, ...] = ()) -> Receipt:
    receipt = Receipt(subtotal=cart.subtotal())
    discounts = best_line_discounts(cart, line_rules)
    receipt.line_discount = sum(discounts.values())

    net_by_category: dict[str, int] = {}
    for line in cart.lines():
        net = line.total - discounts.get(line.sku, 0)
        net_by_category[line.category] = net_by_category.get(line.category, 0) + net
    receipt.tax_by_category = category_tax(net_by_category, tax_rates_bp or {})
    receipt.tax = sum(receipt.tax_by_category.values())

    spend = receipt.subtotal - receipt.line_discount
    remaining = spend + receipt.tax
    for rule in order_rules:
        off = rule.order_discount(remaining)
        receipt.order_discount += off
        remaining -= off
    known = coupons or {}
    for code in codes:
        coupon = known.get(code)
        if coupon is None or code in receipt.applied_codes or not coupon.eligible(spend):
            receipt.rejected_codes.append(code)
            continue
        off = coupon.order_discount(remaining)
        receipt.order_discount += off
        remaining -= off
        receipt.applied_codes.append(code)
    return receipt
