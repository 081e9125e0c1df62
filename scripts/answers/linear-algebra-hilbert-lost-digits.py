"""Condition number of the 10x10 Hilbert matrix, and the error it causes when solving H x = H 1."""
import numpy as np
from scipy.linalg import hilbert

H = hilbert(10)
kappa = np.linalg.cond(H)
x_true = np.ones(10)
b = H @ x_true
x_hat = np.linalg.solve(H, b)
rel_err = np.linalg.norm(x_hat - x_true) / np.linalg.norm(x_true)
print("cond:", kappa, "log10:", np.log10(kappa))
print("relative error of solve:", rel_err, "digits left ~", -np.log10(rel_err))
print(round(np.log10(kappa), 2))
