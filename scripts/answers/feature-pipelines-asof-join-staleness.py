"""Point-in-time join and stale features (challenge feature-pipelines-asof-join-staleness)."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
snap = pd.DataFrame({
    "customer_id": rng.integers(0, 200, 2000),
    "day": rng.integers(0, 90, 2000),
    "spend": rng.gamma(2.0, 50.0, 2000),
})
labels = pd.DataFrame(
    [(c, d) for c in range(200) for d in (15, 45, 75)], columns=["customer_id", "prediction_day"]
)
snap = snap.sort_values("day").rename(columns={"day": "snapshot_day"})
labels = labels.sort_values("prediction_day")
joined = pd.merge_asof(
    labels, snap, left_on="prediction_day", right_on="snapshot_day", by="customer_id",
    direction="backward", allow_exact_matches=False,
)
missing = joined.snapshot_day.isna()
stale = joined.snapshot_day < joined.prediction_day - 30
print(f"no snapshot {missing.sum()}, older than 30 days {stale.sum()}")
assert (joined.snapshot_day.dropna() < joined.prediction_day[~missing]).all()
print(int(missing.sum() + stale.sum()))
