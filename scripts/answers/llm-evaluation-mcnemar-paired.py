"""Exact McNemar test: of 200 shared items, 25 only model B got right and 12 only model A got right (two-sided)."""
from scipy.stats import binomtest

b, c = 25, 12
p = binomtest(c, b + c, 0.5).pvalue
print("discordant:", b + c, "exact two-sided p:", p)
print(round(p, 4))
