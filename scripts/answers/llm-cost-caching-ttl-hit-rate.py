"""Prompt-cache hit rate and input cost with Poisson traffic and a TTL refreshed on each hit (challenge llm-cost-caching-ttl-hit-rate)."""
import math

import numpy as np

WRITE, READ, TTL = 1.25, 0.10, 5.0            # multipliers on base input price; minutes

def expected(rate):
    hit = 1 - math.exp(-rate * TTL)            # a request hits if the previous one came less than TTL ago
    return hit, hit * READ + (1 - hit) * WRITE

def simulate(rate, n=200_000, seed=0):
    gaps = np.random.default_rng(seed).exponential(1 / rate, n)
    hit = np.mean(gaps[1:] < TTL)
    return hit, hit * READ + (1 - hit) * WRITE

for rate in (0.3, 0.05):
    h, c = expected(rate)
    hs, cs = simulate(rate)
    print(f"{rate}/min: hit {h:.4f} (sim {hs:.4f}), relative cost {c:.4f} (sim {cs:.4f})")
print(round(expected(0.3)[1], 4))
