"""Leaf values of the first stump of GradientBoostingClassifier(log-loss) on breast cancer, by hand vs sklearn."""
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier

X, y = load_breast_cancer(return_X_y=True)
gb = GradientBoostingClassifier(n_estimators=1, max_depth=1, learning_rate=1.0, random_state=0).fit(X, y)
f0 = np.log(y.mean() / (1 - y.mean()))
p = np.full(len(y), y.mean())
r = y - p
tree = gb.estimators_[0, 0].tree_
feat, thr = tree.feature[0], tree.threshold[0]
left = X[:, feat] <= thr
leaves = {}
for name, m in (("left", left), ("right", ~left)):
    leaves[name] = r[m].sum() / (p[m] * (1 - p[m])).sum()
print("init log-odds:", f0, "sklearn raw init:", gb._raw_predict_init(X[:1])[0, 0])
print("split on feature", feat, "at", thr)
print("by hand:", leaves, "sklearn leaf values:", tree.value[1:, 0, 0])
print(round(max(leaves.values()), 4))
