TAX_RATES = {"food": 7, "books": 0, "other": 19}


def price_with_tax(cents, category):
    """Price in cents including tax, rounded half up."""
    rate = TAX_RATES.get(category, TAX_RATES["other"])
    return (cents * (100 + rate) + 50) // 100


def bulk_discount(quantity):
    """Percent off for buying many: 10% from 10 items, 20% from 50 items."""
    if quantity >= 50:
        return 20
    if quantity > 10:  # the bug: 10 items should already get 10%
        return 10
    return 0


def apply_percent(cents, percent):
    return cents - (cents * percent + 50) // 100
