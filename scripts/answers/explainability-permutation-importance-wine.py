import numpy as np
from sklearn.datasets import load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.inspection import permutation_importance
from sklearn.model_selection import train_test_split
X, y = load_wine(return_X_y=True, as_frame=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
rf = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_tr, y_tr)
r = permutation_importance(rf, X_te, y_te, n_repeats=20, random_state=0, scoring="accuracy")
order = np.argsort(-r.importances_mean)
for i in order[:5]: print(X.columns[i], round(r.importances_mean[i], 4), round(r.importances_std[i], 4))
mdi = np.argsort(-rf.feature_importances_)
print("MDI top 3", list(X.columns[mdi[:3]]))
print(X.columns[order[0]])
