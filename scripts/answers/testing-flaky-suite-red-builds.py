"""Red builds per 400 CI runs from 5 independent flaky tests failing 1% of runs each: without reruns and with one rerun."""
import numpy as np

runs, flaky, p = 400, 5, 0.01
expected = runs * (1 - (1 - p) ** flaky)
with_rerun = runs * (1 - (1 - p * p) ** flaky)
rng = np.random.default_rng(0)
sim = (rng.random((10_000, runs, flaky)) < p).any(axis=2).sum(axis=1).mean()
print("simulated", round(float(sim), 2), "with one rerun", round(with_rerun, 3))
print(round(expected, 2))
