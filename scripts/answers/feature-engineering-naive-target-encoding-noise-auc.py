"""Naive (in-sample) mean target encoding of a pure-noise 500-level column: AUC, against out-of-fold encoding."""
import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold

rng = np.random.default_rng(0)
n = 2000
zip_code = rng.integers(0, 500, size=n)
y = rng.integers(0, 2, size=n)
df = pd.DataFrame({"zip": zip_code, "y": y})
naive = df.groupby("zip")["y"].transform("mean")
auc_naive = roc_auc_score(df["y"], naive)
oof = np.empty(n)
for tr, te in KFold(n_splits=5, shuffle=True, random_state=0).split(df):
    means = df.iloc[tr].groupby("zip")["y"].mean()
    oof[te] = df.iloc[te]["zip"].map(means).fillna(df.iloc[tr]["y"].mean()).to_numpy()
print("levels seen", df["zip"].nunique(), "mean rows per level", n / df["zip"].nunique())
print("out-of-fold AUC", roc_auc_score(df["y"], oof))
print(round(float(auc_naive), 3))
