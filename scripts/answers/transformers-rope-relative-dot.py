"""RoPE with d = 4, theta_i = 10000^(-2i/d): dot product of rotated q = k = (1, 0, 1, 0) at positions m = 5, n = 2."""
import numpy as np

d = 4
theta = 10000.0 ** (-np.arange(0, d, 2) / d)  # [1, 0.01]


def rope(x, pos):
    out = x.copy()
    for i, t in enumerate(theta):
        a, b = x[2 * i], x[2 * i + 1]
        c, s = np.cos(pos * t), np.sin(pos * t)
        out[2 * i], out[2 * i + 1] = a * c - b * s, a * s + b * c
    return out


q = k = np.array([1.0, 0.0, 1.0, 0.0])
dot = rope(q, 5) @ rope(k, 2)
shifted = rope(q, 12) @ rope(k, 9)
print("theta:", theta, "dot(5, 2):", dot, "dot(12, 9):", shifted, "closed form:", np.cos(3) + np.cos(0.03))
print(round(dot, 4))
