import numpy as np
p = np.array([0.2, 0.3, 0.45, 0.5]); T, runs = 5000, 500
gaps = p.max() - p
rng = np.random.default_rng(0)
counts = np.zeros((runs, 4)); sums = np.zeros((runs, 4)); regret = np.zeros(runs)
idx = np.arange(runs)
for t in range(T):
    if t < 4:
        a = np.full(runs, t)
    else:
        ucb = sums / counts + np.sqrt(2 * np.log(t) / counts)   # t = pulls so far
        a = ucb.argmax(axis=1)
    r = rng.random(runs) < p[a]
    counts[idx, a] += 1; sums[idx, a] += r; regret += gaps[a]
print("std error", regret.std() / np.sqrt(runs), "pulls of best arm", counts[:, 3].mean())
print(round(regret.mean(), 1))
