"""Replica count from Little's law (challenge ml-system-design-littles-law-replicas)."""
import math
import numpy as np

peak_rps = 1200        # requests per second at peak
service_s = 0.040      # mean time one worker is busy per request
workers_per_replica = 4
target_util = 0.70

busy_workers = peak_rps * service_s            # L = lambda * W
workers = busy_workers / target_util
replicas = math.ceil(workers / workers_per_replica)

# check by simulation: Poisson arrivals, fixed 40 ms service, count requests in service over time
rng = np.random.default_rng(0)
arrivals = np.cumsum(rng.exponential(1 / peak_rps, 120_000))
departures = arrivals + service_s
grid = np.linspace(arrivals[1000], arrivals[-1000], 20_000)
in_service = np.searchsorted(arrivals, grid) - np.searchsorted(departures, grid)
print(f"busy workers by Little's law {busy_workers:.1f}, simulated mean {in_service.mean():.1f}")
print(f"workers at {target_util:.0%} utilisation {workers:.2f}")
print(replicas)
