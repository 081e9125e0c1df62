"""Gradient descent on f = x^2 + 10 y^2 from (5, 5) with lr = 2/(L + mu) = 1/11: steps until f < 1e-6."""
import numpy as np

def f(p):
    return p[0] ** 2 + 10 * p[1] ** 2

p = np.array([5.0, 5.0])
lr = 2 / (2 + 20)
steps = 0
while f(p) >= 1e-6:
    g = np.array([2 * p[0], 20 * p[1]])
    p = p - lr * g
    steps += 1
print("contraction per step:", 1 - 2 * lr, 1 - 20 * lr)
print(steps)
