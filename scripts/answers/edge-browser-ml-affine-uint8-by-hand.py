"""Affine uint8 quantisation by hand (challenge edge-browser-ml-affine-uint8-by-hand)."""
import numpy as np

lo, hi = -1.2, 3.4
scale = (hi - lo) / 255
zero_point = int(np.clip(round(-lo / scale), 0, 255))
q = int(np.clip(round(0.5 / scale) + zero_point, 0, 255))
back = (q - zero_point) * scale
print(f"scale {scale:.6f} zero_point {zero_point} dequantised {back:.5f} error {back - 0.5:+.5f}")
print(q)
