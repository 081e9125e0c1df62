"""Adjusted Rand index of KMeans(3, n_init=10, random_state=0) on standardised iris, raw vs standardised."""
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import StandardScaler

X, y = load_iris(return_X_y=True)
raw = adjusted_rand_score(y, KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(X))
std = adjusted_rand_score(y, KMeans(n_clusters=3, n_init=10, random_state=0).fit_predict(StandardScaler().fit_transform(X)))
print("raw:", raw, "standardised:", std)
print(round(std, 3))
