"""PSI between two seeded normal samples (challenge monitoring-psi-two-samples)."""
import numpy as np

ref = np.random.default_rng(1).normal(50, 10, 5000)
cur = np.random.default_rng(2).normal(53, 10, 5000)
edges = np.quantile(ref, np.linspace(0, 1, 11))
edges[0], edges[-1] = -np.inf, np.inf
r = np.histogram(ref, edges)[0] / len(ref)
c = np.histogram(cur, edges)[0] / len(cur)
r, c = np.clip(r, 1e-4, None), np.clip(c, 1e-4, None)
psi = np.sum((c - r) * np.log(c / r))
same = np.random.default_rng(3).normal(50, 10, 5000)
s = np.clip(np.histogram(same, edges)[0] / 5000, 1e-4, None)
print(f"PSI of a same-distribution sample {np.sum((s - r) * np.log(s / r)):.4f}")
print(round(psi, 4))
