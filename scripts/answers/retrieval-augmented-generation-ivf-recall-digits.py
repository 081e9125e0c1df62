"""Recall@10 of an IVF-style search on digits: 16 k-means cells, probe the 2 nearest cells, vs exact Euclidean search."""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits

X = load_digits().data.astype(np.float64)
queries, base = X[:100], X[100:]
km = KMeans(n_clusters=16, n_init=10, random_state=0).fit(base)
cell = km.labels_
d2 = ((queries[:, None, :] - base[None, :, :]) ** 2).sum(-1)
exact = np.argsort(d2, axis=1)[:, :10]
res = {}
for nprobe in (1, 2, 4):
    hits = 0
    scanned = 0
    for qi, q in enumerate(queries):
        near_cells = np.argsort(((km.cluster_centers_ - q) ** 2).sum(1))[:nprobe]
        cand = np.flatnonzero(np.isin(cell, near_cells))
        scanned += len(cand)
        top = cand[np.argsort(d2[qi, cand])[:10]]
        hits += len(set(top) & set(exact[qi]))
    res[nprobe] = hits / 1000
    print("nprobe", nprobe, "recall@10", res[nprobe], "share of base scanned", scanned / 100 / len(base))
print(round(res[2], 3))
