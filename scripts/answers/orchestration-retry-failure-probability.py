"""Chance a flow run fails despite retries (challenge orchestration-retry-failure-probability)."""
import numpy as np

p, tasks = 0.3, 5
def flow_fail(retries):
    return 1 - (1 - p ** (retries + 1)) ** tasks

rng = np.random.default_rng(0)
attempts_fail = rng.random((100_000, tasks, 3)) < p
sim = attempts_fail.all(axis=2).any(axis=1).mean()
print(f"simulated {sim:.4f}; retries=3 -> {flow_fail(3):.4f}; retries=0 -> {flow_fail(0):.4f}")
print(round(flow_fail(2), 4))
