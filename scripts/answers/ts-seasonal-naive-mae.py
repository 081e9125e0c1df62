"""Naive, mean and seasonal-naive (m=7) forecasts of the last 7 days of the 28-day series in the task."""
import numpy as np

y = np.array([132, 120, 144, 137, 150, 93, 63, 124, 136, 167, 147, 157, 98, 76,
              125, 145, 156, 150, 170, 104, 86, 146, 156, 155, 156, 173, 122, 90], dtype=float)
train, test = y[:21], y[21:]
fc = {
    "naive": np.full(7, train[-1]),
    "mean": np.full(7, train.mean()),
    "seasonal naive": train[-7:],
}
mae = {k: float(np.mean(np.abs(test - v))) for k, v in fc.items()}
for k, v in mae.items():
    print(f"{k:15s} MAE {v:.3f}")
print(round(mae["seasonal naive"], 2))
