"""Smallest fan-out N at which over half of requests wait on at least one backend slower than 200 ms (1% each)."""
import math

p = 0.01
n = next(n for n in range(1, 1000) if 1 - (1 - p) ** n > 0.5)
print(f"closed form ln(0.5)/ln(0.99) = {math.log(0.5)/math.log(1-p):.2f}; N=50 slow share {1-(1-p)**50:.3f}; N={n} slow share {1-(1-p)**n:.3f}")
print(f"with hedging (slow only if both copies slow) at N=50: {1-(1-p*p)**50:.4f}")
print(n)
