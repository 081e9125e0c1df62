"""Cases per version for a CI gate to detect a pass-rate drop from 0.80 to 0.75 (one-sided alpha 0.05, power 0.80),
n = (z_{1-alpha} + z_{power})^2 (p1 q1 + p2 q2) / d^2, rounded up; prints n last."""
import math

from scipy.stats import norm

p1, p2, alpha, power = 0.80, 0.75, 0.05, 0.80
z = norm.ppf(1 - alpha) + norm.ppf(power)
n = z**2 * (p1 * (1 - p1) + p2 * (1 - p2)) / (p1 - p2) ** 2
print("unrounded", round(n, 2))
print(math.ceil(n))
