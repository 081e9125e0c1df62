"""Unbiased pass@5 from n = 20 samples with c = 3 correct: 1 - C(n-c, k) / C(n, k), vs the naive 1 - (1 - c/n)^k."""
from math import comb

n, c, k = 20, 3, 5
unbiased = 1 - comb(n - c, k) / comb(n, k)
naive = 1 - (1 - c / n) ** k
print("unbiased:", unbiased, "naive plug-in:", naive)
print(round(unbiased, 4))
