"""Exact McNemar test between two classifiers on one test set (challenge ml-ci-cd-mcnemar-metric-gate)."""
from scipy.stats import binomtest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=1, stratify=y)
a = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(Xtr, ytr).predict(Xte)
b = DecisionTreeClassifier(random_state=0).fit(Xtr, ytr).predict(Xte)
ra, rb = a == yte, b == yte
only_a, only_b = int((ra & ~rb).sum()), int((~ra & rb).sum())
p = binomtest(min(only_a, only_b), only_a + only_b, 0.5).pvalue
print(f"accuracy LR {ra.mean():.4f} tree {rb.mean():.4f}; only LR right {only_a}, only tree right {only_b}")
print(round(p, 4))
