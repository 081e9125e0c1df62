import numpy as np
rng = np.random.default_rng(0)
w = rng.normal(0.0, 0.02, size=(512, 512))
w[:, :4] *= 20.0  # four outlier input columns

def sqnr(w, w_hat):
    return 10 * np.log10(np.sum(w ** 2) / np.sum((w - w_hat) ** 2))

def fq(w, axis_groups):
    # symmetric int4, levels -7..7, one scale per group
    qmax = 7
    scale = np.abs(axis_groups).max(axis=-1, keepdims=True) / qmax
    return np.clip(np.round(axis_groups / scale), -qmax, qmax) * scale

# per output row: one scale per row of w (shape 512 x 512 -> rows)
per_row = fq(w, w)
# group-wise: groups of 32 consecutive input columns within each row
g = w.reshape(512, 512 // 32, 32)
grouped = fq(w, g).reshape(512, 512)
a, b = sqnr(w, per_row), sqnr(w, grouped)
print("per-row", a, "group-32", b)
print(round(b - a, 2))
