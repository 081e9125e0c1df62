"""Relative Frobenius error of the rank-20 SVD approximation of the greyscale china.jpg scaled to [0, 1]."""
import numpy as np
from sklearn.datasets import load_sample_image

A = load_sample_image("china.jpg").mean(axis=2) / 255.0
U, s, Vt = np.linalg.svd(A, full_matrices=False)
for k in (5, 20, 50, 100):
    Ak = (U[:, :k] * s[:k]) @ Vt[:k]
    direct = np.linalg.norm(A - Ak) / np.linalg.norm(A)
    from_sv = np.sqrt((s[k:] ** 2).sum() / (s ** 2).sum())
    m, n = A.shape
    print(k, round(direct, 6), round(from_sv, 6), "storage", round(k * (m + n + 1) / (m * n), 4))
k = 20
print(round(np.sqrt((s[k:] ** 2).sum() / (s ** 2).sum()), 4))
