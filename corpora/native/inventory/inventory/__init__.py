"""Small inventory management package."""
from .models import InventoryError, Order, OrderLine, Product
from .reports import low_stock_report, reorder_suggestions, reserved_ratio, valuation_report
from .store import Store

__all__ = [
    "InventoryError",
    "Order",
    "OrderLine",
    "Product",
    "Store",
    "low_stock_report",
    "reorder_suggestions",
    "reserved_ratio",
    "valuation_report",
]
