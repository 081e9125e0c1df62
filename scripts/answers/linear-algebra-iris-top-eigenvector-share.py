"""Share of total variance on the top eigenvector of iris's covariance matrix (raw features, np.cov default ddof=1)."""
import numpy as np
from sklearn.datasets import load_iris

X = load_iris().data
C = np.cov(X, rowvar=False)
vals, vecs = np.linalg.eigh(C)  # ascending order
print("eigenvalues (descending):", vals[::-1].round(4))
print("trace:", np.trace(C).round(4), "sum of eigenvalues:", vals.sum().round(4))
share = vals[-1] / vals.sum()
print(round(share, 4))
