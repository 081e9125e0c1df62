"""Longest strictly increasing subsequence of the task's 100,000-value LCG sequence, in O(n log n)."""
from bisect import bisect_left

x, seq = 12345, []
for _ in range(100_000):
    x = (1103515245 * x + 12345) % 2**31
    seq.append(x)
tails: list[int] = []
for v in seq:
    i = bisect_left(tails, v)
    if i == len(tails):
        tails.append(v)
    else:
        tails[i] = v
print("first values", seq[:3], "2*sqrt(n) =", 2 * len(seq) ** 0.5)
print(len(tails))
