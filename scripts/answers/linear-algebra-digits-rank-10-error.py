"""Relative Frobenius error of the best rank-10 approximation of the centred digits matrix (Eckart-Young)."""
import numpy as np
from sklearn.datasets import load_digits

X = load_digits().data
Xc = X - X.mean(axis=0)
U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
k = 10
Ak = (U[:, :k] * s[:k]) @ Vt[:k]
direct = np.linalg.norm(Xc - Ak) / np.linalg.norm(Xc)
from_sv = np.sqrt((s[k:] ** 2).sum() / (s ** 2).sum())
print("direct:", direct, "from singular values:", from_sv)
print(round(from_sv, 4))
