import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
rng = np.random.default_rng(0)
n = 4000
group = rng.integers(0, 2, n)
x1 = rng.normal(0.8 * group, 1.0)
x2 = rng.normal(0.0, 1.0, n)
y = (x1 + x2 + rng.normal(0.0, 1.0, n) > 0.8).astype(int)
X = np.column_stack([x1, x2])
X_tr, X_te, y_tr, y_te, g_tr, g_te = train_test_split(X, y, group, test_size=0.5, random_state=0)
pred = LogisticRegression().fit(X_tr, y_tr).predict(X_te)
def rates(g):
    m = g_te == g
    tpr = pred[m & (y_te == 1)].mean(); fpr = pred[m & (y_te == 0)].mean()
    return tpr, fpr
(t0, f0), (t1, f1) = rates(0), rates(1)
print("TPR", t0, t1, "FPR", f0, f1)
print(round(max(abs(t0 - t1), abs(f0 - f1)), 3))
