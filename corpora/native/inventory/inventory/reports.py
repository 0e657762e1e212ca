"""Read-only reports computed from a Store."""
from __future__ import annotations

from .store import Store


def low_stock_report(store: Store) -> list[tuple[str, int, int]]:
    """(sku, available, restock_level) for products at or below their threshold,
    most urgent (largest shortfall) first, ties by sku."""
    rows = [
        (p.sku, p.available, p.restock_level)
        for p in store.products.values()
        if p.needs_restock()
    ]
    rows.sort(key=lambda row: (row[1] - row[2], row[0]))
    return rows


def valuation_report(store: Store) -> dict[str, object]:
    """Total stock value in cents plus the most valuable sku."""
    per_sku = {sku: p.stock_value() for sku, p in store.products.items()}
    total = sum(per_sku.values())
    # max() keeps the first of equal values, so ties go to the smallest sku
    top = max(sorted(per_sku), key=lambda sku: per_sku[sku], default=None)
    return {"total": total, "per_sku": per_sku, "top": top}


def reorder_suggestions(store: Store, target_cover: int) -> dict[str, int]:
    """Quantity to order so that available stock reaches restock_level + target_cover."""
    if target_cover < 0:
        raise ValueError("target_cover must be non-negative")
    suggestions: dict[str, int] = {}
    for sku, product in sorted(store.products.items()):
        goal = product.restock_level + target_cover
        missing = goal - product.available
        if missing > 0:
            suggestions[sku] = missing
    return suggestions


def reserved_ratio(store: Store) -> float:
    """Fraction of on-hand units that are reserved by open orders."""
    on_hand = sum(p.on_hand for p in store.products.values())
    if on_hand == 0:
        return 0.0
    reserved = sum(p.reserved for p in store.products.values())
    return reserved / on_hand
