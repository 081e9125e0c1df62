"""Number of principal components of the digits data needed to keep 90% of the variance."""
import numpy as np
from sklearn.datasets import load_digits

X = load_digits().data
Xc = X - X.mean(axis=0)
s = np.linalg.svd(Xc, compute_uv=False)
ratio = s ** 2 / (s ** 2).sum()
k = int(np.searchsorted(np.cumsum(ratio), 0.90) + 1)
print("cumulative at k-1, k:", np.cumsum(ratio)[k - 2], np.cumsum(ratio)[k - 1])
print(k)
