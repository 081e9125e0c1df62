"""Shallowest max_depth whose test accuracy is within 0.01 of the best, breast cancer 70/30 stratified, random_state=0."""
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier

X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
accs = {}
for d in list(range(1, 16)) + [None]:
    t = DecisionTreeClassifier(max_depth=d, random_state=0).fit(Xtr, ytr)
    accs[d] = t.score(Xte, yte)
    print(d, round(t.score(Xtr, ytr), 4), round(accs[d], 4))
best = max(accs.values())
pick = min(d for d in range(1, 16) if accs[d] >= best - 0.01)
print("best", best, "pick", pick)
print(pick)
