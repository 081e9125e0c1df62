"""Effective degrees of freedom of ridge, df = sum d_j^2 / (d_j^2 + lambda), on the diabetes features (centred), lambda = 0.1."""
import numpy as np
from sklearn.datasets import load_diabetes

X, y = load_diabetes(return_X_y=True)
Xc = X - X.mean(axis=0)
d = np.linalg.svd(Xc, compute_uv=False)
lam = 0.1
df = np.sum(d ** 2 / (d ** 2 + lam))
# check against the trace of the hat matrix
H = Xc @ np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T)
print("singular values squared:", np.round(d ** 2, 4))
print("df from SVD:", df, "trace of hat matrix:", np.trace(H))
print(round(df, 3))
