"""Measured per-step contraction of tuned heavy-ball momentum on f = (x^2 + 100 y^2)/2 (kappa = 100)."""
import numpy as np

L, mu = 100.0, 1.0
alpha = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
beta = ((np.sqrt(L) - np.sqrt(mu)) / (np.sqrt(L) + np.sqrt(mu))) ** 2
grad = lambda p: np.array([mu * p[0], L * p[1]])
p_prev = p = np.array([1.0, 1.0])
errs = []
for t in range(400):
    p, p_prev = p - alpha * grad(p) + beta * (p - p_prev), p
    errs.append(np.linalg.norm(p))
e = np.array(errs)
rate = (e[399] / e[199]) ** (1 / 200)
print("theory heavy-ball:", (np.sqrt(L / mu) - 1) / (np.sqrt(L / mu) + 1), "theory plain GD:", (L / mu - 1) / (L / mu + 1))
print("measured:", rate)
print(round(rate, 3))
