from shop.pricing import apply_percent, bulk_discount, price_with_tax


class Cart:
    """A shopping cart with lines of (name, unit price in cents, quantity, category)."""

    def __init__(self):
        self.lines = []

    def add(self, name, cents, quantity=1, category="other"):
        if cents < 0 or quantity <= 0:
            raise ValueError("price must be >= 0 and quantity > 0")
        for line in self.lines:
            if line[0] == name:
                line[2] += quantity
                return
        self.lines.append([name, cents, quantity, category])

    def remove(self, name):
        before = len(self.lines)
        self.lines = [line for line in self.lines if line[0] != name]
        return len(self.lines) < before

    def count(self):
        return sum(line[2] for line in self.lines)

    def line_total(self, line):
        name, cents, quantity, category = line
        gross = price_with_tax(cents, category) * quantity
        return apply_percent(gross, bulk_discount(quantity))

    def total(self):
        return sum(self.line_total(line) for line in self.lines)
