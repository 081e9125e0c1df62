"""Daily cost of a 24-hour GPU usage profile for every commitment level k: committed at $0.60/h each (used or not), the rest on demand at $1.00/h."""
usage = [2, 2, 2, 2, 3, 4, 6, 9, 12, 14, 15, 15, 14, 14, 15, 14, 12, 10, 8, 6, 5, 4, 3, 2]
COMMIT, ON_DEMAND = 0.60, 1.00


def daily_cost(k):
    return sum(k * COMMIT + max(u - k, 0) * ON_DEMAND for u in usage)


costs = {k: round(daily_cost(k), 2) for k in range(0, max(usage) + 1)}
best = min(costs, key=lambda k: (costs[k], k))
print("all on demand", costs[0], "best k", best, costs)
print(costs[best])
