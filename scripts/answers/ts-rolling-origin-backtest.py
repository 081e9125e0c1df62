"""Rolling-origin backtest (TimeSeriesSplit, 5 folds of 14) of seasonal naive vs a trend+weekly-harmonic linear model."""
import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import TimeSeriesSplit

rng = np.random.default_rng(42)
t = np.arange(200)
y = 10 + 0.05 * t + 3 * np.sin(2 * np.pi * t / 7) + rng.normal(0, 1, 200)
X = np.column_stack([t, np.sin(2 * np.pi * t / 7), np.cos(2 * np.pi * t / 7)])
snaive, lin = [], []
for tr, te in TimeSeriesSplit(n_splits=5, test_size=14).split(X):
    last_week = y[tr[-7:]]
    pred_s = last_week[np.arange(len(te)) % 7]
    snaive.append(np.mean(np.abs(y[te] - pred_s)))
    m = LinearRegression().fit(X[tr], y[tr])
    lin.append(np.mean(np.abs(y[te] - m.predict(X[te]))))
print("seasonal naive fold MAEs", np.round(snaive, 3), "mean", round(float(np.mean(snaive)), 4))
print("linear fold MAEs", np.round(lin, 3), "mean", round(float(np.mean(lin)), 4))
print(round(float(np.mean(lin)), 3))
