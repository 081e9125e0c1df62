import numpy as np
rng = np.random.default_rng(0)
x = np.maximum(rng.normal(0.0, 1.0, size=100_000), 0.0)
# symmetric int8: scale = max|x| / 127, levels -127..127 (only half are used by non-negative data)
s_sym = np.abs(x).max() / 127
x_sym = np.clip(np.round(x / s_sym), -127, 127) * s_sym
# asymmetric uint8: scale = (max - min) / 255, zero point = round(-min / scale)
lo, hi = x.min(), x.max()
s_asym = (hi - lo) / 255
zp = np.round(-lo / s_asym)
x_asym = (np.clip(np.round(x / s_asym) + zp, 0, 255) - zp) * s_asym
mse_sym = np.mean((x - x_sym) ** 2)
mse_asym = np.mean((x - x_asym) ** 2)
print("mse sym", mse_sym, "mse asym", mse_asym, "zp", zp)
print(round(mse_sym / mse_asym, 2))
