"""Shuffled KFold vs forward-chaining CV for KNN regression on a random walk with the time index as the only feature."""
import numpy as np
from sklearn.model_selection import KFold, TimeSeriesSplit, cross_val_score
from sklearn.neighbors import KNeighborsRegressor

rng = np.random.default_rng(7)
y = np.cumsum(rng.normal(size=500))
X = np.arange(500).reshape(-1, 1)
model = KNeighborsRegressor(n_neighbors=5)
shuf = -cross_val_score(model, X, y, cv=KFold(5, shuffle=True, random_state=0), scoring="neg_mean_absolute_error").mean()
fwd = -cross_val_score(model, X, y, cv=TimeSeriesSplit(5), scoring="neg_mean_absolute_error").mean()
print(f"shuffled KFold MAE {shuf:.4f}  forward TimeSeriesSplit MAE {fwd:.4f}  ratio {fwd/shuf:.3f}")
print(round(fwd / shuf, 1))
