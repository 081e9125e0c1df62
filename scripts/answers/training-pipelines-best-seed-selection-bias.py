"""Optimism of picking the best of 30 seeds on validation (challenge training-pipelines-best-seed-selection-bias)."""
import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
Xtr, Xtmp, ytr, ytmp = train_test_split(X, y, test_size=0.4, random_state=0, stratify=y)
Xva, Xte, yva, yte = train_test_split(Xtmp, ytmp, test_size=0.5, random_state=0, stratify=ytmp)
val, test = [], []
for s in range(30):
    m = RandomForestClassifier(n_estimators=20, random_state=s).fit(Xtr, ytr)
    val.append(m.score(Xva, yva)); test.append(m.score(Xte, yte))
best = int(np.argmax(val))
print(f"best seed {best}: val {val[best]:.4f} test {test[best]:.4f}; mean val {np.mean(val):.4f} mean test {np.mean(test):.4f}")
print(round(val[best] - test[best], 4))
