"""Sign test for a judge's length bias: it preferred the longer answer in 11 of 14 pairs humans rated equal (two-sided)."""
from scipy.stats import binomtest

res = binomtest(11, 14, 0.5, alternative="two-sided")
print("one-sided p", round(binomtest(11, 14, 0.5, alternative="greater").pvalue, 4))
print(round(res.pvalue, 4))
