"""Instance count for a managed endpoint via Little's law, a utilisation ceiling and one spare (N+1)."""
import math

peak_rps, service_s, workers, max_util = 180, 0.075, 4, 0.6
busy = peak_rps * service_s              # average requests in service (Little's law)
n = math.ceil(busy / (workers * max_util))
print(f"concurrent requests {busy:.2f}; instances for utilisation <= {max_util}: {n}; with N+1: {n+1}")
print(n + 1)
