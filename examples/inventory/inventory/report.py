"""Human-readable summaries of a store."""

from inventory.store import Store


def low_stock(path, threshold=5):
    """SKUs whose quantity is below the threshold, sorted."""
    store = Store(path).load()
    return sorted(sku for sku, quantity in store.items.items() if quantity < threshold)


def summary(path):
    store = Store(path).load()
    total = sum(store.items.values())
    return f"{len(store.items)} items, {total} units"
