"""Tail latency amplification under fan-out (challenge ml-system-design-fan-out-tail-latency)."""
import numpy as np

n_calls = 20
p_slow = 0.01   # each call is slower than its own p99 with probability 1%
closed = 1 - (1 - p_slow) ** n_calls

rng = np.random.default_rng(0)
slow = rng.random((200_000, n_calls)) < p_slow
sim = slow.any(axis=1).mean()
per_call_needed = 0.99 ** (1 / n_calls)
print(f"simulated {sim:.4f}; per-call quantile needed for 1% slow requests: {100*per_call_needed:.3f}%")
print(round(closed, 4))
