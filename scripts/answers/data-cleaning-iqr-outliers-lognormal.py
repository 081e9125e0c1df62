"""Share of 10,000 log-normal(0, 1) draws (seed 0) that Tukey's 1.5 IQR rule flags, against the normal-data rate."""
import numpy as np
from scipy import stats

rng = np.random.default_rng(0)
x = rng.lognormal(mean=0.0, sigma=1.0, size=10_000)
q1, q3 = np.percentile(x, [25, 75])
iqr = q3 - q1
flagged = (x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)
normal_rate = 2 * stats.norm.sf(stats.norm.ppf(0.75) + 1.5 * (stats.norm.ppf(0.75) - stats.norm.ppf(0.25)))
logged = np.log(x)
l1, l3 = np.percentile(logged, [25, 75])
flag_log = (logged < l1 - 1.5 * (l3 - l1)) | (logged > l3 + 1.5 * (l3 - l1))
print("normal-data rate", round(normal_rate, 4), "after log", round(float(flag_log.mean()), 4))
print(round(float(flagged.mean()), 4))
