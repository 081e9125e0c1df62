"""Test accuracy of StandardScaler + LogisticRegression() on breast cancer, 75/25 stratified split, random_state=0."""
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
raw = LogisticRegression(max_iter=10000).fit(Xtr, ytr).score(Xte, yte)
pipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(Xtr, ytr)
acc = pipe.score(Xte, yte)
print("unscaled (max_iter=10000):", raw, "scaled:", acc, "errors:", round((1 - acc) * len(yte)))
print(round(acc, 3))
