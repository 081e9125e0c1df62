from scipy.stats import binomtest
b_only, a_only = 70, 56   # discordant pairs: B right & A wrong, A right & B wrong
res = binomtest(b_only, b_only + a_only, 0.5, alternative="two-sided")
print("accuracy gap", (b_only - a_only) / 2000)
print(round(res.pvalue, 3))
