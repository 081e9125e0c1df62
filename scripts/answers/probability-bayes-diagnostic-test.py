"""P(disease | two independent positives) for prevalence 1%, sensitivity 99%, specificity 95%; checked by simulation."""
import numpy as np

prev, sens, spec = 0.01, 0.99, 0.95
p1 = prev * sens / (prev * sens + (1 - prev) * (1 - spec))
p2 = prev * sens ** 2 / (prev * sens ** 2 + (1 - prev) * (1 - spec) ** 2)
rng = np.random.default_rng(0)
n = 1_000_000
sick = rng.random(n) < prev
t1 = np.where(sick, rng.random(n) < sens, rng.random(n) < 1 - spec)
t2 = np.where(sick, rng.random(n) < sens, rng.random(n) < 1 - spec)
print("one positive: exact", p1, "simulated", sick[t1].mean())
print("two positives: exact", p2, "simulated", sick[t1 & t2].mean())
print(round(p2, 3))
