"""Exact two-sided permutation test on the difference of means for two groups of five (numbers in the task)."""
from itertools import combinations
import numpy as np

a = [12.1, 14.3, 13.8, 15.2, 14.9]
b = [11.0, 12.5, 11.8, 13.1, 12.2]
pool = np.array(a + b)
obs = np.mean(a) - np.mean(b)
count = total = 0
for idx in combinations(range(10), 5):
    mask = np.zeros(10, bool); mask[list(idx)] = True
    d = pool[mask].mean() - pool[~mask].mean()
    count += abs(d) >= abs(obs) - 1e-12
    total += 1
print("observed diff:", obs, "extreme splits:", count, "of", total)
print(round(count / total, 4))
