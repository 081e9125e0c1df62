"""MASE of a four-step forecast, scaled by the in-sample one-step naive MAE of the training series."""
import numpy as np

train = np.array([112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118], dtype=float)
test = np.array([115, 126, 141, 135], dtype=float)
forecast = np.array([120, 122, 130, 140], dtype=float)
mae = np.mean(np.abs(test - forecast))
scale = np.mean(np.abs(np.diff(train)))
print("MAE", mae, "naive in-sample MAE", round(scale, 4))
print(round(mae / scale, 4))
