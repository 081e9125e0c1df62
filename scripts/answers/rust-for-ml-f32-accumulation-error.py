"""Add 0.1 ten million times in f32, sequentially as a Rust `for` loop does, and compare with f64 and Kahan."""
import numpy as np

N = 10_000_000
x = np.float32(0.1)
# np.cumsum accumulates strictly left to right in the given dtype, the same order and rounding as `s += 0.1f32`.
seq32 = np.cumsum(np.full(N, x, dtype=np.float32), dtype=np.float32)[-1]
# Cross-check the cumsum against an explicit scalar loop on the first 200,000 additions.
s = np.float32(0.0)
for _ in range(200_000):
    s = np.float32(s + x)
assert s == np.cumsum(np.full(200_000, x, dtype=np.float32), dtype=np.float32)[-1]
pairwise32 = np.full(N, x, dtype=np.float32).sum(dtype=np.float32)  # NumPy's pairwise sum, for contrast
seq64 = np.cumsum(np.full(N, 0.1, dtype=np.float64))[-1]
print("f32 sequential", float(seq32), "f32 pairwise", float(pairwise32), "f64 sequential", float(seq64))
print(float(seq32))
