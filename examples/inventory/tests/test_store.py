import os
import tempfile
import unittest

from inventory.report import low_stock, summary
from inventory.store import Store


class StoreTest(unittest.TestCase):
    def setUp(self):
        handle, self.path = tempfile.mkstemp()
        with os.fdopen(handle, "w") as stock:
            stock.write("# sku,quantity\nbolt,12\nnut,3\nwasher,0\n")

    def tearDown(self):
        os.remove(self.path)

    def test_load_reads_every_item(self):
        store = Store(self.path).load()
        self.assertEqual(store.items, {"bolt": 12, "nut": 3, "washer": 0})

    def test_add_and_save_round_trip(self):
        store = Store(self.path).load()
        store.add("nut", 4)
        store.save()
        self.assertEqual(Store(self.path).load().quantity("nut"), 7)

    def test_remove_refuses_more_than_stock(self):
        store = Store(self.path).load()
        with self.assertRaises(ValueError):
            store.remove("nut", 4)

    def test_reports(self):
        self.assertEqual(low_stock(self.path), ["nut", "washer"])
        self.assertEqual(summary(self.path), "3 items, 15 units")


if __name__ == "__main__":
    unittest.main()
