import numpy as np
rng = np.random.default_rng(0)
w = rng.normal(0.0, 0.02, size=(256, 256)).astype(np.float32)
scale = np.abs(w).max() / 127
q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
w_hat = q.astype(np.float32) * scale
noise = w - w_hat
print("scale", scale, "max abs err", np.abs(noise).max())
sqnr = 10 * np.log10(np.sum(w.astype(np.float64) ** 2) / np.sum(noise.astype(np.float64) ** 2))
print(round(sqnr, 2))
