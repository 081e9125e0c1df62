"""DDPM linear schedule, beta from 1e-4 to 0.02 over T = 1000 steps: alpha_bar at t = 500 and its signal-to-noise ratio."""
import numpy as np

T = 1000
beta = np.linspace(1e-4, 0.02, T)
abar = np.cumprod(1 - beta)
t = 500  # 1-based step, so index t - 1
a = abar[t - 1]
print("alpha_bar[1], [250], [500], [1000]:", abar[0], abar[249], a, abar[-1])
print("signal scale sqrt(abar):", np.sqrt(a), "SNR abar/(1-abar):", a / (1 - a))
print(round(a, 4))
