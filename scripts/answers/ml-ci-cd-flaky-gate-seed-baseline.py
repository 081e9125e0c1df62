"""How often an unchanged model fails a gate set from its luckiest run (challenge ml-ci-cd-flaky-gate-seed-baseline)."""
import numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

X, y = load_digits(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
acc = np.array([RandomForestClassifier(n_estimators=50, random_state=s).fit(Xtr, ytr).score(Xte, yte) for s in range(30)])
baseline = acc.max()
fail = (acc < baseline - 0.01).mean()
robust = acc.mean() - 2 * acc.std(ddof=1)
print(f"mean {acc.mean():.4f} std {acc.std(ddof=1):.4f} max {baseline:.4f}; mean-2sd gate fails {(acc < robust).mean():.3f}")
print(round(fail, 4))
