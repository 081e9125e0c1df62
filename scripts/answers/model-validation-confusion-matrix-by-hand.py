"""Malignant (label 0) recall at threshold 0.3 for LogisticRegression(max_iter=5000) on a 70/30 stratified split, random_state=1."""
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, stratify=y, random_state=1)
clf = LogisticRegression(max_iter=5000).fit(Xtr, ytr)
p_mal = clf.predict_proba(Xte)[:, 0]
pos = yte == 0
res = {}
for t in (0.5, 0.3, 0.1):
    pred = p_mal >= t
    tp, fp, fn = (pred & pos).sum(), (pred & ~pos).sum(), (~pred & pos).sum()
    res[t] = (tp / (tp + fn), tp / (tp + fp))
    print(t, "recall", res[t][0], "precision", res[t][1], "tp fp fn", tp, fp, fn)
pred = clf.predict(Xte) == 0
tp, fp, fn, tn = (pred & pos).sum(), (pred & ~pos).sum(), (~pred & pos).sum(), (~pred & ~pos).sum()
f1 = 2 * tp / (2 * tp + fp + fn)
print("F1 malignant at default predict:", f1)
print(round(f1, 3))
