"""Item-mean filled truncated SVD on a seeded low-rank rating matrix: test RMSE by rank."""
import numpy as np

rng = np.random.default_rng(42)
U, I, k = 300, 100, 4
P = rng.normal(size=(U, k))
Q = rng.normal(size=(I, k))
R = np.clip(np.round(3 + P @ Q.T / 2 + rng.normal(scale=0.5, size=(U, I))), 1, 5)
observed = rng.random((U, I)) < 0.2
test = observed & (rng.random((U, I)) < 0.2)
train = observed & ~test

gmean = R[train].mean()
item_mean = np.array([R[train[:, j], j].mean() if train[:, j].any() else gmean for j in range(I)])
F = np.where(train, R, item_mean[None, :])
u, s, vt = np.linalg.svd(F, full_matrices=False)
y = R[test]
rmse = lambda pred: float(np.sqrt(np.mean((np.clip(pred, 1, 5)[test] - y) ** 2)))
print(f"train {train.sum()} test {test.sum()}  item-mean RMSE {rmse(np.tile(item_mean, (U, 1))):.4f}")
res = {}
for r in (1, 2, 4, 8, 16):
    res[r] = rmse((u[:, :r] * s[:r]) @ vt[:r])
    print(f"rank {r:2d} RMSE {res[r]:.4f}")
print(round(res[4], 3))
