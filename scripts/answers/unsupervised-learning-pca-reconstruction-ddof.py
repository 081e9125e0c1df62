"""Mean squared reconstruction error per image (summed over 64 pixels) of PCA(10) on digits, vs discarded eigenvalues."""
import numpy as np
from sklearn.datasets import load_digits
from sklearn.decomposition import PCA

X = load_digits().data
n = len(X)
pca = PCA(n_components=10).fit(X)
R = pca.inverse_transform(pca.transform(X))
err = np.mean(np.sum((X - R) ** 2, axis=1))
full = PCA().fit(X)
tail = full.explained_variance_[10:].sum()
print("measured:", err, "sum of discarded explained_variance_:", tail, "times (n-1)/n:", tail * (n - 1) / n)
print(round(err, 2))
