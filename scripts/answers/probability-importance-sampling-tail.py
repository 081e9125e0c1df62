"""P(Z > 4) for a standard normal by importance sampling from N(4, 1), 100,000 draws, default_rng(0); in units of 1e-5."""
import numpy as np
from scipy.stats import norm

rng = np.random.default_rng(0)
n = 100_000
naive = (rng.standard_normal(n) > 4).mean()
y = rng.normal(4.0, 1.0, n)
w = norm.pdf(y) / norm.pdf(y, loc=4.0)
est = np.mean((y > 4) * w)
se = np.std((y > 4) * w) / np.sqrt(n)
print("naive:", naive, "IS:", est, "+/-", se, "exact:", norm.sf(4))
print(round(est / 1e-5, 3))
