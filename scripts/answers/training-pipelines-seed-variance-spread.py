"""Spread of test accuracy across model seeds (challenge training-pipelines-seed-variance-spread)."""
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
accs = []
for s in range(20):
    m = RandomForestClassifier(n_estimators=100, random_state=s).fit(Xtr, ytr)
    accs.append(m.score(Xte, yte))
print("accuracies", [round(a, 4) for a in accs])
print(round(max(accs) - min(accs), 4))
