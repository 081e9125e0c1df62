"""Share of requests that hit a cold start under an idle timeout (challenge serverless-ml-cold-start-fraction)."""
import math
import numpy as np

timeout = 10.0  # minutes an idle instance stays warm
poisson = math.exp(-timeout / 5)
bursty = 0.8 * math.exp(-timeout / 1) + 0.2 * math.exp(-timeout / 21)
rng = np.random.default_rng(0)
n = 1_000_000
gaps = np.where(rng.random(n) < 0.8, rng.exponential(1, n), rng.exponential(21, n))
print(f"Poisson {poisson:.4f}; bursty mean gap {gaps.mean():.3f} min, simulated cold share {(gaps > timeout).mean():.4f}")
print(round(bursty, 4))
