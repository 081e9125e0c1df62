import numpy as np
lam, mean_service = 90.0, 0.010          # 90 requests/s, 10 ms mean service time
mu = 1 / mean_service
rho = lam / mu
# M/M/1 FIFO: time in system is exponential with rate mu - lam
p99 = np.log(100) / (mu - lam)
# check by simulation (Lindley recursion)
rng = np.random.default_rng(0)
n = 2_000_000
a = rng.exponential(1 / lam, n); s = rng.exponential(mean_service, n)
w = np.zeros(n)
for i in range(1, n):
    w[i] = max(0.0, w[i - 1] + s[i - 1] - a[i])
print("rho", rho, "mean ms", 1000 / (mu - lam), "simulated p99 ms", 1000 * np.percentile(w[10000:] + s[10000:], 99))
print(round(1000 * p99, 1))
