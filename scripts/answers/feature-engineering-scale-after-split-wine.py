"""Fit StandardScaler on the training split of load_wine only; the scaled test set is not exactly centred."""
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X, y = load_wine(return_X_y=True, as_frame=True)
X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
sc = StandardScaler().fit(X_tr)
te = sc.transform(X_te)
col = list(X.columns).index("proline")
print("train rows", len(X_tr), "test rows", len(X_te))
print("train mean/std of scaled proline", sc.transform(X_tr)[:, col].mean(), sc.transform(X_tr)[:, col].std())
leaky = StandardScaler().fit(X).transform(X_te)[:, col].mean()
print("test mean when scaler fitted on all rows (leaky)", leaky)
print("test std", te[:, col].std())
print(round(float(te[:, col].mean()), 3))
