"""Mean R^2 of hand-written 5-fold CV of Ridge(alpha=1) on diabetes, folds from RandomState(0).permutation + array_split."""
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
from sklearn.metrics import r2_score
from sklearn.model_selection import KFold, cross_val_score

X, y = load_diabetes(return_X_y=True)
idx = np.random.RandomState(0).permutation(len(y))
scores = []
for fold in np.array_split(idx, 5):
    train = np.setdiff1d(idx, fold)
    m = Ridge(alpha=1.0).fit(X[train], y[train])
    scores.append(r2_score(y[fold], m.predict(X[fold])))
lib = cross_val_score(Ridge(alpha=1.0), X, y, cv=KFold(5, shuffle=True, random_state=0), scoring="r2")
print("by hand:", np.round(scores, 4), np.mean(scores), np.std(scores))
print("library:", lib.mean())
print(round(float(np.mean(scores)), 3))
