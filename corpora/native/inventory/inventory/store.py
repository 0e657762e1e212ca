"""The Store keeps products and processes orders against stock."""
from __future__ import annotations

from .models import InventoryError, Order, OrderLine, Product


class Store:
    def __init__(self) -> None:
        self.products: dict[str, Product] = {}
        self.orders: dict[int, Order] = {}
        self._next_order_id = 1

    def add_product(self, product: Product) -> None:
        if product.sku in self.products:
            raise InventoryError(f"duplicate sku {product.sku}")
        self.products[product.sku] = product

    def get(self, sku: str) -> Product:
        try:
            return self.products[sku]
        except KeyError:
            raise InventoryError(f"unknown sku {sku}") from None

    def receive(self, sku: str, quantity: int) -> int:
        """Add incoming stock; returns the new on-hand count."""
        if quantity <= 0:
            raise InventoryError("received quantity must be positive")
        product = self.get(sku)
        product.on_hand += quantity
        return product.on_hand

    def adjust(self, sku: str, delta: int) -> int:
        """Manual correction (e.g. after a stock count)."""
        product = self.get(sku)
        if product.on_hand + delta < product.reserved:
            raise InventoryError("adjustment would drop stock below reserved units")
        product.on_hand += delta
        return product.on_hand

    def _merge_lines(self, items: list[tuple[str, int]]) -> list[OrderLine]:
        totals: dict[str, int] = {}
        for sku, quantity in items:
            self.get(sku)
            totals[sku] = totals.get(sku, 0) + quantity
        return [OrderLine(sku, qty) for sku, qty in totals.items()]

    def place_order(self, items: list[tuple[str, int]]) -> Order:
        """Reserve stock for all lines or for none of them."""
        if not items:
            raise InventoryError("order has no lines")
        lines = self._merge_lines(items)
        for line in lines:
            product = self.products[line.sku]
            if line.quantity > product.available:
                raise InventoryError(
                    f"insufficient stock for {line.sku}: "
                    f"{product.available} available, {line.quantity} requested"
                )
        for line in lines:
            self.products[line.sku].reserved += line.quantity
        order = Order(self._next_order_id, lines)
        self.orders[order.order_id] = order
        self._next_order_id += 1
        return order

    def _open_order(self, order_id: int) -> Order:
        order = self.orders.get(order_id)
        if order is None:
            raise InventoryError(f"unknown order {order_id}")
        if order.status != "open":
            raise InventoryError(f"order {order_id} is {order.status}")
        return order

    def ship(self, order_id: int) -> Order:
        order = self._open_order(order_id)
        for line in order.lines:
            product = self.products[line.sku]
            product.reserved -= line.quantity
            product.on_hand -= line.quantity
        order.status = "shipped"
        return order

    def cancel(self, order_id: int) -> Order:
        order = self._open_order(order_id)
        for line in order.lines:
            self.products[line.sku].reserved -= line.quantity
        order.status = "cancelled"
        return order

    def restock_all(self) -> dict[str, int]:
        """Receive the configured restock quantity for every product at or below its threshold."""
        received: dict[str, int] = {}
        for sku in sorted(self.products):
            product = self.products[sku]
            if product.needs_restock() and product.restock_quantity > 0:
                self.receive(sku, product.restock_quantity)
                received[sku] = product.restock_quantity
        return received

    def open_orders(self) -> list[Order]:
        return [o for o in self.orders.values() if o.status == "open"]
