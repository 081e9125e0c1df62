"""Traces to judge per day to estimate a faithfulness rate near 0.9 within +/-0.02 at 95% (z = 1.96), with the
finite-population correction for 5,000 traces a day, rounded up; prints n last."""
import math

z, p, e, N = 1.96, 0.9, 0.02, 5000
n0 = z**2 * p * (1 - p) / e**2
n = n0 / (1 + (n0 - 1) / N)
print("n0", round(n0, 2), "corrected", round(n, 2))
print(math.ceil(n))
