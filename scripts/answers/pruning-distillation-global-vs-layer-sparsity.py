import numpy as np
rng = np.random.default_rng(0)
w1 = rng.normal(0.0, 0.05, size=(256, 64))   # layer 1: many small weights
w2 = rng.normal(0.0, 0.20, size=(64, 10))    # layer 2: few large weights
allw = np.concatenate([np.abs(w1).ravel(), np.abs(w2).ravel()])
k = int(round(0.8 * allw.size))               # prune the 80% smallest magnitudes globally
threshold = np.sort(allw)[k - 1]
m1 = np.abs(w1) > threshold
m2 = np.abs(w2) > threshold
print("total sparsity", 1 - (m1.sum() + m2.sum()) / allw.size)
print("layer2 sparsity", 1 - m2.mean())
print(round(1 - m1.mean(), 4))
