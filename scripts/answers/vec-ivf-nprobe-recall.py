"""IVF by hand: k-means coarse quantiser (64 lists) on make_blobs data, recall@10 against exact search by nprobe."""
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs

X, _ = make_blobs(n_samples=5100, n_features=32, centers=20, cluster_std=4.0, random_state=0)
db, queries = X[:5000], X[5000:]
km = KMeans(n_clusters=64, n_init=1, random_state=0).fit(db)
lists = [np.where(km.labels_ == c)[0] for c in range(64)]


def d2(a, b):
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)


exact = np.argsort(d2(queries, db), axis=1)[:, :10]
cd = d2(queries, km.cluster_centers_)
res = {}
for nprobe in (1, 2, 4, 8, 16):
    rec, scanned = [], []
    for qi, q in enumerate(queries):
        cand = np.concatenate([lists[c] for c in np.argsort(cd[qi])[:nprobe]])
        top = cand[np.argsort(((db[cand] - q) ** 2).sum(1))[:10]]
        rec.append(len(set(top) & set(exact[qi])) / 10)
        scanned.append(len(cand))
    res[nprobe] = float(np.mean(rec))
    print(f"nprobe {nprobe:2d} recall@10 {res[nprobe]:.3f}  vectors scanned {np.mean(scanned):.0f}")
print(min(n for n, r in res.items() if r >= 0.95))
