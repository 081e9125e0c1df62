"""Monte Carlo sprint forecast: resample past velocities until a 130-point backlog is done; 95th-percentile sprint count."""
import numpy as np

hist = np.array([21, 18, 25, 14, 22, 19, 27, 16])
backlog, runs = 130, 10_000


def forecast(seed):
    rng = np.random.default_rng(seed)
    draws = rng.choice(hist, size=(runs, 20))   # 20 sprints is always enough (20 * 14 > 130)
    sprints = (np.cumsum(draws, axis=1) >= backlog).argmax(axis=1) + 1
    counts = np.bincount(sprints)
    cdf = np.cumsum(counts) / runs
    return int(np.argmax(cdf >= 0.95)), cdf


n, cdf = forecast(2024)
print("P(done within n sprints):", {k: round(float(v), 3) for k, v in enumerate(cdf) if 0.01 < v < 0.999})
print("mean-velocity estimate:", backlog / hist.mean(), "-> ceil", int(np.ceil(backlog / hist.mean())))
print("95th percentile across other seeds:", sorted({forecast(s)[0] for s in range(20)}))
print(n)
