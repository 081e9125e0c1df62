"""DBSCAN on 500 standardised two-moons points (noise 0.07, seed 0, min_samples 5): ARI at a knee eps, and the
smallest eps (on a 0.005 grid) at which the two moons merge into one cluster."""
import numpy as np
from sklearn.cluster import DBSCAN, KMeans
from sklearn.datasets import make_moons
from sklearn.metrics import adjusted_rand_score
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler

X, y = make_moons(n_samples=500, noise=0.07, random_state=0)
X = StandardScaler().fit_transform(X)
km = KMeans(n_clusters=2, n_init=10, random_state=0).fit(X)
print("k-means ARI", round(adjusted_rand_score(y, km.labels_), 3))
d5 = np.sort(NearestNeighbors(n_neighbors=6).fit(X).kneighbors(X)[0][:, 5])
print("5th-neighbour distance: median", round(float(np.median(d5)), 3), "95th pct", round(float(np.percentile(d5, 95)), 3))


def run(eps):
    labels = DBSCAN(eps=eps, min_samples=5).fit_predict(X)
    return len(set(labels) - {-1}), int((labels == -1).sum()), adjusted_rand_score(y, labels)


for eps in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6):
    k, noise, ari = run(eps)
    print(f"eps {eps:.2f}: clusters {k}, noise {noise}, ARI {ari:.3f}")
merge = next(e for e in np.round(np.arange(0.2, 1.5, 0.005), 3) if run(e)[0] == 1)
print("moons merge from eps", merge)
print(merge)
