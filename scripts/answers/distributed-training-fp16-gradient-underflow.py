"""Share of small gradients that fp16 flushes to zero, with and without loss scaling (challenge distributed-training-fp16-gradient-underflow)."""
import numpy as np

g = 10 ** np.random.RandomState(0).uniform(-10, -2, 100_000)
zero = np.mean(g.astype(np.float16) == 0)
scaled = g * 1024
zero_scaled = np.mean(scaled.astype(np.float16) == 0)
subnormal = np.mean((g < 2.0 ** -14) & (g.astype(np.float16) != 0))
print(f"unscaled: zero {zero:.4f}, subnormal (reduced precision) {subnormal:.4f}; scaled by 1024: zero {zero_scaled:.4f}")
print(f"largest scaled value {scaled.max():.2f} (fp16 max 65504)")
print(round(float(zero), 4))
