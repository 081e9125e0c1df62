"""P(at least two of 23 people share a birthday), 365 equally likely days: exact, and a seeded simulation."""
import numpy as np

n = 23
p_distinct = 1.0
for k in range(n):
    p_distinct *= (365 - k) / 365
exact = 1 - p_distinct
rng = np.random.default_rng(0)
days = rng.integers(0, 365, size=(200_000, n))
s = np.sort(days, axis=1)
sim = float(np.mean((np.diff(s, axis=1) == 0).any(axis=1)))
print("simulated", round(sim, 4))
print(round(exact, 4))
