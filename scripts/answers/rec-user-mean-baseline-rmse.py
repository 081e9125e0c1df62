"""Global-mean vs user-mean baseline RMSE on the small rating matrix given in the task."""
import numpy as np

nan = np.nan
train = np.array([
    [5, 4, nan, 1, nan, 2],
    [4, nan, 4, 1, 1, nan],
    [nan, 1, 2, 5, 4, nan],
    [2, nan, 1, 4, nan, 5],
    [5, 5, nan, nan, 2, 1],
])
test = [(0, 2, 4), (1, 1, 5), (2, 0, 1), (3, 1, 2), (4, 3, 2), (0, 4, 1)]

global_mean = np.nanmean(train)
user_mean = np.nanmean(train, axis=1)
y = np.array([r for _, _, r in test], dtype=float)
pred_global = np.full_like(y, global_mean)
pred_user = np.array([user_mean[u] for u, _, _ in test])
rmse = lambda p: float(np.sqrt(np.mean((p - y) ** 2)))
print(f"global mean {global_mean:.4f}  RMSE {rmse(pred_global):.4f}")
print("user means", np.round(user_mean, 4))
print(f"user-mean RMSE {rmse(pred_user):.4f}")
print(round(rmse(pred_user), 3))
