"""Int8 weight error: per-tensor vs per-channel scales (challenge edge-browser-ml-per-channel-vs-per-tensor)."""
import numpy as np

rng = np.random.default_rng(0)
row_scale = 10 ** np.linspace(-2, 0, 64)
W = rng.normal(0, 1, (64, 128)) * row_scale[:, None]

def fake_quant(w, s):
    return np.clip(np.round(w / s), -127, 127) * s

per_tensor = fake_quant(W, np.abs(W).max() / 127)
per_channel = fake_quant(W, np.abs(W).max(axis=1, keepdims=True) / 127)
mse_t = np.mean((W - per_tensor) ** 2)
mse_c = np.mean((W - per_channel) ** 2)
print(f"MSE per-tensor {mse_t:.3e}, per-channel {mse_c:.3e}")
print(round(mse_t / mse_c, 2))
