"""Chance that 60 random-search trials include at least one configuration from the top 5% of the space: exact and seeded."""
import numpy as np

exact = 1 - 0.95**60
rng = np.random.default_rng(0)
sim = (rng.random((100_000, 60)) < 0.05).any(axis=1).mean()
print("simulated", round(float(sim), 4), "trials for 99%:", int(np.ceil(np.log(0.01) / np.log(0.95))))
print(round(exact, 4))
