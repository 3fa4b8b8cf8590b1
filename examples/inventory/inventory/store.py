"""Stock levels kept in a plain text file, one "sku,quantity" line per item."""


class Store:
    def __init__(self, path):
        self.path = path
        self.items = {}

    def load(self):
        """Reads the stock file, replacing what is in memory."""
        self.items = {}
        with open(self.path, encoding="utf-8") as stock:
            for line in stock:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                sku, quantity = line.split(",")
                self.items[sku.strip()] = int(quantity)
        return self

    def save(self):
        with open(self.path, "w", encoding="utf-8") as stock:
            for sku in sorted(self.items):
                stock.write(f"{sku},{self.items[sku]}\n")

    def quantity(self, sku):
        return self.items.get(sku, 0)

    def add(self, sku, count):
        if count <= 0:
            raise ValueError("count must be positive")
        self.items[sku] = self.quantity(sku) + count

    def remove(self, sku, count):
        if count > self.quantity(sku):
            raise ValueError(f"only {self.quantity(sku)} of {sku} in stock")
        self.items[sku] = self.quantity(sku) - count
