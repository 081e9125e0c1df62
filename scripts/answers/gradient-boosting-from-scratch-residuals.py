"""Hand-written least-squares boosting vs GradientBoostingRegressor on make_friedman1(1500, noise=1, rs=0), 70/30 split rs=0."""
import numpy as np
from sklearn.datasets import make_friedman1
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor

X, y = make_friedman1(n_samples=1500, noise=1.0, random_state=0)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=0)
ftr, fte = np.full(len(ytr), ytr.mean()), np.full(len(yte), ytr.mean())
for m in range(200):
    t = DecisionTreeRegressor(max_depth=3, random_state=0).fit(Xtr, ytr - ftr)
    ftr += 0.1 * t.predict(Xtr)
    fte += 0.1 * t.predict(Xte)
mine = np.mean((yte - fte) ** 2)
gb = GradientBoostingRegressor(n_estimators=200, learning_rate=0.1, max_depth=3, random_state=0).fit(Xtr, ytr)
lib = np.mean((yte - gb.predict(Xte)) ** 2)
print("mine:", mine, "sklearn:", lib)
print(round(mine, 2))
