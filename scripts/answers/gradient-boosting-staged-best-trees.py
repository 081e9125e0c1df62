"""Number of trees (1-500) minimising test MSE for GradientBoostingRegressor on diabetes, found with staged_predict."""
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split

X, y = load_diabetes(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0)
gb = GradientBoostingRegressor(n_estimators=500, learning_rate=0.1, max_depth=3, random_state=0).fit(Xtr, ytr)
mse = np.array([np.mean((yte - p) ** 2) for p in gb.staged_predict(Xte)])
best = int(mse.argmin()) + 1
print("best trees:", best, "best MSE:", mse.min(), "MSE at 500:", mse[-1])
print("trees within 1% of best:", np.flatnonzero(mse <= mse.min() * 1.01)[[0, -1]] + 1)
print(best)
