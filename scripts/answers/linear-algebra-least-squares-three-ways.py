"""Least squares three ways on diabetes; the answer is cond(X) of the design matrix with an intercept column."""
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

Xr, y = load_diabetes(return_X_y=True)
X = np.column_stack([np.ones(len(Xr)), Xr])
w_ne = np.linalg.solve(X.T @ X, X.T @ y)
w_ls = np.linalg.lstsq(X, y, rcond=None)[0]
Q, R = np.linalg.qr(X)
w_qr = np.linalg.solve(R, Q.T @ y)
lr = LinearRegression().fit(Xr, y)
w_sk = np.r_[lr.intercept_, lr.coef_]
print("max diffs vs sklearn:", [np.abs(w - w_sk).max() for w in (w_ne, w_ls, w_qr)])
cx, cxx = np.linalg.cond(X), np.linalg.cond(X.T @ X)
print("cond(X) =", cx, "cond(XtX) =", cxx, "cond(X)^2 =", cx ** 2)
print(round(cx, 1))
