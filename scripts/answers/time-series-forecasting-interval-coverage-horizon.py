"""Coverage of 95% naive-forecast intervals at horizon 5 on random walks when the width ignores the horizon, and when it grows with sqrt(h)."""
import numpy as np

rng = np.random.default_rng(0)
n_series, n_train, h = 2000, 200, 5
steps = rng.normal(size=(n_series, n_train + h))
y = np.cumsum(steps, axis=1)
train, future = y[:, :n_train], y[:, n_train + h - 1]
sigma = np.std(np.diff(train, axis=1), axis=1, ddof=1)  # one-step residuals of the naive forecast
last = train[:, -1]
flat = np.abs(future - last) <= 1.96 * sigma
grown = np.abs(future - last) <= 1.96 * sigma * np.sqrt(h)
print("sqrt(h) width coverage", round(float(grown.mean()), 3))
print(round(float(flat.mean()), 3))
