"""Minority-class recall with and without class_weight='balanced' on an imbalanced make_classification set."""
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score
from sklearn.model_selection import train_test_split

X, y = make_classification(n_samples=5000, n_features=10, n_informative=4, weights=[0.95], flip_y=0.01, random_state=0)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, stratify=y, random_state=0)
res = {}
for cw in (None, "balanced"):
    m = LogisticRegression(class_weight=cw).fit(Xtr, ytr)
    p = m.predict(Xte)
    res[cw] = recall_score(yte, p)
    print(cw, "recall", recall_score(yte, p), "precision", precision_score(yte, p), "positives in test", yte.sum())
print(round(res["balanced"], 4))
