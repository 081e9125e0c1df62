"""Worst-case number of probes (middle-element comparisons) of binary search over 1,000,000 sorted keys, found keys only."""
N = 1_000_000
keys = list(range(N))


def probes(target):
    lo, hi, count = 0, N - 1, 0
    while lo <= hi:
        mid = (lo + hi) // 2
        count += 1
        if keys[mid] == target:
            return count
        if keys[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    raise ValueError("not found")


worst = max(probes(k) for k in keys)
print("mean", sum(probes(k) for k in keys[::997]) / len(keys[::997]))
print(worst)
