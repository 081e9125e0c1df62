"""Join fan-out: a dimension table with duplicate keys silently multiplies fact rows."""
import pandas as pd

orders = pd.DataFrame({"order_id": [1, 2, 3, 4, 5, 6], "customer_id": [1, 2, 2, 3, 3, 4],
                       "amount": [30, 50, 20, 40, 10, 25]})
customers = pd.DataFrame({
    "customer_id": [1, 2, 2, 3, 3, 3, 4],
    "city": ["Lisbon", "Porto", "Braga", "Faro", "Evora", "Faro", "Sintra"],
    "valid_from": pd.to_datetime(["2023-01-01", "2023-01-01", "2024-02-01", "2023-01-01", "2023-06-01",
                                  "2024-03-01", "2023-01-01"]),
})
naive = orders.merge(customers, on="customer_id", how="left")
print("orders", len(orders), "total", orders["amount"].sum(), "| merged rows", len(naive), "total", naive["amount"].sum())
try:
    orders.merge(customers, on="customer_id", validate="many_to_one")
except pd.errors.MergeError as e:
    print("validate raised:", e)
latest = customers.sort_values("valid_from").drop_duplicates("customer_id", keep="last")
fixed = orders.merge(latest, on="customer_id", how="left", validate="many_to_one")
print("fixed rows", len(fixed), "total", fixed["amount"].sum())
print(int(naive["amount"].sum()))
