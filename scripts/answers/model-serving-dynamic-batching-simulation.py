"""Dynamic batching on one worker with deterministic arrivals (challenge model-serving-dynamic-batching-simulation)."""
import numpy as np

arrivals = [2 * k for k in range(1000)]     # ms
MAX_B, MAX_WAIT = 8, 10
t_free, i, lat, sizes = 0, 0, [], []
n = len(arrivals)
while i < n:
    start = max(t_free, arrivals[i])        # worker idle and the oldest request is here
    # dispatch when 8 are queued or the oldest has waited MAX_WAIT, whichever is first
    full_at = arrivals[i + MAX_B - 1] if i + MAX_B - 1 < n else float("inf")
    dispatch = max(start, min(full_at, arrivals[i] + MAX_WAIT))
    j = i
    while j < n and j - i < MAX_B and arrivals[j] <= dispatch:
        j += 1
    done = dispatch + 5 + 1 * (j - i)
    lat += [done - a for a in arrivals[i:j]]
    sizes.append(j - i)
    t_free, i = done, j
print(f"mean batch {np.mean(sizes):.2f}, p95 latency {np.percentile(lat, 95):.2f} ms, batches {len(sizes)}")
print(round(float(np.mean(lat)), 2))
