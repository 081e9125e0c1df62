"""Expected optimism of reporting the best of 50 equally good configs whose CV scores carry N(0, 0.01^2) noise."""
import numpy as np
from scipy import integrate, stats

n, sd = 50, 0.01
# E[max of n standard normals] = integral of x * n * phi(x) * Phi(x)^(n-1)
e_max, _ = integrate.quad(lambda x: x * n * stats.norm.pdf(x) * stats.norm.cdf(x) ** (n - 1), -10, 10)
rng = np.random.default_rng(0)
sim = (0.80 + sd * rng.standard_normal((100_000, n))).max(axis=1).mean() - 0.80
print("E[max of 50 std normals]:", e_max, "simulated optimism:", sim, "exact optimism:", sd * e_max)
print(round(sd * e_max, 4))
