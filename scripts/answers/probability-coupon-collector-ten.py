"""Expected draws to collect all 10 equally likely coupons: exact 10 * H_10, checked by simulation."""
import numpy as np

n = 10
exact = n * sum(1 / k for k in range(1, n + 1))
rng = np.random.default_rng(0)
draws = []
for _ in range(20000):
    seen, t = set(), 0
    while len(seen) < n:
        seen.add(int(rng.integers(n)))
        t += 1
    draws.append(t)
print("simulated mean:", np.mean(draws), "exact:", exact)
print(round(exact, 2))
