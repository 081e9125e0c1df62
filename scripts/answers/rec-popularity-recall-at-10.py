"""Popularity baseline recall@10 with the last interaction per user held out."""
import numpy as np

rng = np.random.default_rng(0)
n_users, n_items = 500, 1000
pop = 1 / np.arange(1, n_items + 1) ** 0.8
pop /= pop.sum()
hist = np.array([rng.choice(n_items, size=20, replace=False, p=pop) for _ in range(n_users)])
train, test = hist[:, :19], hist[:, 19]
counts = np.bincount(train.ravel(), minlength=n_items)
order = np.lexsort((np.arange(n_items), -counts))  # most popular first, ties by lower id
hits = 0
for u in range(len(test)):
    seen = set(train[u])
    top = [i for i in order if i not in seen][:10]
    hits += test[u] in top
recall = hits / len(test)
print(f"users {len(test)} hits {hits} recall@10 {recall:.4f}")
print(round(recall, 3))
