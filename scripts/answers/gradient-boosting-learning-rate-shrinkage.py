"""Test MSE of GradientBoostingRegressor (200 trees, depth 3) on make_friedman1 at learning rates 1.0 and 0.1."""
from sklearn.datasets import make_friedman1
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import train_test_split

X, y = make_friedman1(n_samples=1200, noise=1.0, random_state=0)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
mse = {}
for lr in (1.0, 0.1):
    m = GradientBoostingRegressor(n_estimators=200, max_depth=3, learning_rate=lr, random_state=0).fit(X_tr, y_tr)
    mse[lr] = mean_squared_error(y_te, m.predict(X_te))
    print("lr", lr, "test MSE", round(mse[lr], 3))
print(round(mse[0.1], 3))
