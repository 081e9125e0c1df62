"""Share of requests served a stale precomputed score (challenge inference-pipelines-batch-score-staleness)."""
import math
import numpy as np
from scipy.optimize import brentq

r = 0.05  # feature changes per user per hour (Poisson)
T = 24.0  # hours between batch runs

def stale(T):
    return 1 - (1 - math.exp(-r * T)) / (r * T)

rng = np.random.default_rng(0)
age = rng.uniform(0, T, 1_000_000)          # hours since the batch ran, at request time
first_change = rng.exponential(1 / r, 1_000_000)
sim = (first_change < age).mean()
k = brentq(lambda t: stale(t) - 0.10, 0.01, 24)
print(f"simulated {sim:.4f}; run every {k:.2f} h for 10%")
print(round(stale(T), 4))
