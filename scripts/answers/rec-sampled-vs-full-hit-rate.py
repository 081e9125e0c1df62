"""Expected sampled HR@10 (100 uniform negatives) vs full-ranking HR@10 for the popularity model."""
import numpy as np
from scipy.stats import hypergeom

rng = np.random.default_rng(0)
n_users, n_items = 500, 1000
pop = 1 / np.arange(1, n_items + 1) ** 0.8
pop /= pop.sum()
hist = np.array([rng.choice(n_items, size=20, replace=False, p=pop) for _ in range(n_users)])
train, test = hist[:, :19], hist[:, 19]
counts = np.bincount(train.ravel(), minlength=n_items)
order = np.lexsort((np.arange(n_items), -counts))
rank_pos = np.empty(n_items, int)
rank_pos[order] = np.arange(n_items)  # 0 = most popular
full_hits, expected = 0, []
rng = np.random.default_rng(1)
sim_hits = 0
for u in range(len(test)):
    seen = set(train[u])
    negatives = np.array([i for i in range(n_items) if i not in seen and i != test[u]])
    above = int((rank_pos[negatives] < rank_pos[test[u]]).sum())  # negatives ranked above the held-out item
    full_hits += above < 10
    N = len(negatives)
    expected.append(hypergeom(N, above, 100).cdf(9))  # P(fewer than 10 sampled negatives beat it)
    samp = rng.choice(negatives, size=100, replace=False)
    sim_hits += int((rank_pos[samp] < rank_pos[test[u]]).sum()) < 10
print(f"full HR@10 {full_hits/len(test):.4f}  simulated sampled HR@10 {sim_hits/len(test):.4f}")
e = float(np.mean(expected))
print(f"expected sampled HR@10 {e:.4f}")
print(round(e, 3))
