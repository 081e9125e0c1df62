"""Cheapest routing threshold that keeps accuracy at 85% or more (challenge llm-cost-caching-router-threshold)."""
import math

N = 1000
d = [(i * 0.618034) % 1 for i in range(1, N + 1)]                 # true difficulty
r = [d[i - 1] + 0.1 * math.sin(37 * i) for i in range(1, N + 1)]  # the router's noisy estimate
SMALL, LARGE = 0.0005, 0.01

def evaluate(t):
    correct, cost = 0, 0.0
    for di, ri in zip(d, r):
        if ri > t:
            cost += LARGE
            correct += di < 0.9
        else:
            cost += SMALL
            correct += di < 0.6
    return correct / N, cost

best = None
for k in range(101):
    t = k / 100
    acc, cost = evaluate(t)
    if acc >= 0.85 and (best is None or cost < best[2]):
        best = (t, acc, cost)
print(f"all large: {evaluate(-1)}, all small: {evaluate(2)}")
print(f"threshold {best[0]:.2f}, accuracy {best[1]:.3f}, cost per 1,000 queries ${best[2]:.3f}")
print(round(best[2], 3))
