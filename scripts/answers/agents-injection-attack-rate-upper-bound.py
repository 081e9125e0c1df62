"""One-sided 95% Clopper-Pearson upper bound on the attack success rate after 2 successes in 80 injection attempts;
prints the bound last."""
from scipy.stats import beta

k, n = 2, 80
upper = beta.ppf(0.95, k + 1, n - k)
print("observed", k / n, "zero-success bound for 80", round(1 - 0.05 ** (1 / n), 4))
print(round(float(upper), 4))
