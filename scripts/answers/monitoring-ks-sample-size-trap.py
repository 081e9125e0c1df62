"""KS test p-value versus sample size for a tiny shift (challenge monitoring-ks-sample-size-trap)."""
import numpy as np
from scipy.stats import ks_2samp

first = None
for n in [100, 300, 1000, 3000, 10000, 30000, 100000]:
    ref = np.random.default_rng(10).normal(0, 1, n)
    cur = np.random.default_rng(20).normal(0.05, 1, n)
    res = ks_2samp(ref, cur)
    print(n, round(res.statistic, 4), f"{res.pvalue:.3g}")
    if first is None and res.pvalue < 0.01:
        first = n
print(first)
