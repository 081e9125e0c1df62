"""Hide bmi on every 5th row of load_diabetes, impute with the mean and with KNNImputer(n_neighbors=5), compare RMSE."""
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.impute import KNNImputer, SimpleImputer

X, _ = load_diabetes(return_X_y=True, as_frame=True)
bmi = X.columns.get_loc("bmi")
hidden = np.arange(len(X)) % 5 == 0
truth = X.iloc[hidden, bmi].to_numpy()
Xm = X.to_numpy().copy()
Xm[hidden, bmi] = np.nan
rmse = {}
for name, imp in [("mean", SimpleImputer(strategy="mean")), ("knn", KNNImputer(n_neighbors=5))]:
    filled = imp.fit_transform(Xm)[hidden, bmi]
    rmse[name] = float(np.sqrt(np.mean((filled - truth) ** 2)))
    print(name, "RMSE", rmse[name])
print("hidden rows", hidden.sum())
print(round(rmse["knn"] / rmse["mean"], 3))
