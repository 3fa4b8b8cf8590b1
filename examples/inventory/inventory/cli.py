"""Command line: python3 -m inventory.cli STOCKFILE (summary|low|add SKU N|remove SKU N)."""

import sys

from inventory.report import low_stock, summary
from inventory.store import Store


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    path, command = argv[0], argv[1]
    if command == "summary":
        print(summary(path))
    elif command == "low":
        print("\n".join(low_stock(path)))
    elif command in ("add", "remove"):
        store = Store(path).load()
        getattr(store, command)(argv[2], int(argv[3]))
        store.save()
    else:
        print(f"unknown command {command}")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
