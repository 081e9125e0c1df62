"""Silhouette score of KMeans(k=4, n_init=10, random_state=0) on make_blobs(600, centers=4, cluster_std=1, random_state=42)."""
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import silhouette_score

X, _ = make_blobs(n_samples=600, centers=4, cluster_std=1.0, random_state=42)
sil = {}
for k in range(2, 11):
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    sil[k] = silhouette_score(X, km.labels_)
    print(k, round(km.inertia_, 1), round(sil[k], 4))
print(round(sil[4], 3))
