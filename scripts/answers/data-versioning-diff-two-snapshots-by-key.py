"""Diff two snapshots of the 10-row price table given in the task by key: added, removed and changed rows."""
import pandas as pd

v1 = pd.DataFrame({
    "id": list(range(1, 11)),
    "city": ["Lisbon", "Porto", "Braga", "Faro", "Evora", "Coimbra", "Aveiro", "Leiria", "Viseu", "Sintra"],
    "price": [100, 80, 65, 90, 70, 75, 85, 60, 55, 120],
})
v2 = pd.DataFrame({
    "id": [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12],
    "city": ["Lisbon", "Porto", "Braga", "Evora", "Coimbra", "Aveiro", "Leiria", "Vizeu", "Sintra", "Cascais", "Tomar"],
    "price": [100, 82.5, 65, 70, 75, 88, 60, 55, 120, 110, 58],
})
print(v1.dtypes.to_dict(), v2.dtypes.to_dict())
# A naive row hash sees int 75 and float 75.0 as different rows.
h1 = pd.util.hash_pandas_object(v1.set_index("id"), index=True)
h2 = pd.util.hash_pandas_object(v2.set_index("id"), index=True)
shared = h2.index.intersection(h1.index)
print("shared ids whose naive hash differs:", int((h1[shared] != h2[shared]).sum()), "of", len(shared))
m = v1.merge(v2, on="id", how="outer", suffixes=("_old", "_new"), indicator=True)
added = (m["_merge"] == "right_only").sum()
removed = (m["_merge"] == "left_only").sum()
both = m[m["_merge"] == "both"]
changed = ((both["city_old"] != both["city_new"]) | (both["price_old"] != both["price_new"])).sum()
print("added", added, "removed", removed, "changed", changed)
print(int(changed))
