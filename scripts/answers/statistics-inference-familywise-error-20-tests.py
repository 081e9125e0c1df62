"""Chance of at least one p < 0.05 among 20 independent tests of true nulls: exact, and with seeded t-tests on null data."""
import numpy as np
from scipy import stats

exact = 1 - 0.95**20
rng = np.random.default_rng(0)
hits = 0
runs = 2000
for _ in range(runs):
    a = rng.normal(size=(20, 30))
    b = rng.normal(size=(20, 30))
    p = stats.ttest_ind(a, b, axis=1).pvalue
    hits += (p < 0.05).any()
print("simulated", hits / runs, "Bonferroni threshold", 0.05 / 20)
print(round(exact, 4))
