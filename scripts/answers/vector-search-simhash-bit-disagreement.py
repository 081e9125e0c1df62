"""Random-hyperplane LSH: expected share of differing sign bits for two vectors with cosine 0.8, and a seeded check."""
import math

import numpy as np

expected = math.acos(0.8) / math.pi
rng = np.random.default_rng(0)
d, bits, trials = 128, 256, 200
shares = []
for _ in range(trials):
    a = rng.normal(size=d)
    a /= np.linalg.norm(a)
    r = rng.normal(size=d)
    r -= (r @ a) * a
    r /= np.linalg.norm(r)
    b = 0.8 * a + 0.6 * r  # unit vector with cosine 0.8 to a
    planes = rng.normal(size=(bits, d))
    shares.append(np.mean(np.sign(planes @ a) != np.sign(planes @ b)))
print("simulated mean share", round(float(np.mean(shares)), 4))
print(round(expected, 4))
