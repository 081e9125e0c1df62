"""Expected cost of a 20-hour training job on spot capacity with checkpoints, Poisson interruptions, restart overhead."""
import math
import numpy as np

work, lam, ckpt_cost, restart, spot, on_demand = 20.0, 0.1, 0.05, 0.1, 0.90, 3.00


def expected_hours(c):
    segs = work / c
    s = c + ckpt_cost
    return segs * (1 / lam + restart) * (math.exp(lam * s) - 1)


for c in (0.25, 0.5, 1, 2, 4, 10):
    print(f"checkpoint every {c:5.2f} h: expected {expected_hours(c):.3f} h, ${expected_hours(c)*spot:.2f}")

# Monte Carlo check for c = 1 h
rng = np.random.default_rng(0)
c, s, tot = 1.0, 1.0 + ckpt_cost, []
for _ in range(20000):
    t = 0.0
    for _ in range(int(work / c)):
        while True:
            f = rng.exponential(1 / lam)
            if f >= s:
                t += s
                break
            t += f + restart
    tot.append(t)
print(f"simulated {np.mean(tot):.3f} h; on-demand cost ${work*on_demand:.2f}")
print(round(expected_hours(1.0) * spot, 2))
