"""Hit rate of an LRU prediction cache on a skewed trace (challenge inference-pipelines-lru-cache-hit-rate)."""
from collections import OrderedDict
import numpy as np

rng = np.random.default_rng(7)
w = 1 / np.arange(1, 10_001) ** 1.1
cdf = np.cumsum(w) / w.sum()
trace = np.searchsorted(cdf, rng.random(50_000))

def hit_rate(trace, size):
    cache, hits = OrderedDict(), 0
    for k in trace:
        if k in cache:
            hits += 1
            cache.move_to_end(k)
        else:
            cache[k] = True
            if len(cache) > size:
                cache.popitem(last=False)
    return hits / len(trace)

print(f"distinct ids {len(set(trace.tolist()))}; size 5000 -> {hit_rate(trace, 5000):.4f}")
print(round(hit_rate(trace, 500), 4))
