"""1-NN accuracy under KFold vs GroupKFold when each of 60 groups holds 10 near-copies and labels carry no signal."""
import numpy as np
from sklearn.model_selection import GroupKFold, KFold, cross_val_score
from sklearn.neighbors import KNeighborsClassifier

rng = np.random.default_rng(0)
centres = rng.normal(size=(60, 5))
labels = rng.integers(0, 2, size=60)
X = np.repeat(centres, 10, axis=0) + rng.normal(scale=0.05, size=(600, 5))
y = np.repeat(labels, 10)
groups = np.repeat(np.arange(60), 10)
knn = KNeighborsClassifier(n_neighbors=1)
plain = cross_val_score(knn, X, y, cv=KFold(5, shuffle=True, random_state=0)).mean()
grouped = cross_val_score(knn, X, y, cv=GroupKFold(5), groups=groups).mean()
print("KFold", round(plain, 3), "GroupKFold", round(grouped, 3))
print(round(grouped, 3))
