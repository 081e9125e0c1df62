"""Smallest n per group for 80% power, two-sided two-sample t-test, alpha 0.05, Cohen's d = 0.3 (noncentral t)."""
import numpy as np
from scipy import stats

d, alpha = 0.3, 0.05
for n in range(2, 1000):
    df = 2 * n - 2
    nc = d * np.sqrt(n / 2)
    tc = stats.t.ppf(1 - alpha / 2, df)
    power = 1 - stats.nct.cdf(tc, df, nc) + stats.nct.cdf(-tc, df, nc)
    if power >= 0.8:
        break
z = stats.norm.ppf
print("normal approximation:", 2 * (z(1 - alpha / 2) + z(0.8)) ** 2 / d ** 2, "power at n:", power)
print(n)
