"""Distance between 23:00 and 01:00 as raw hours and in (sin, cos) space with period 24."""
import numpy as np


def encode(h):
    return np.array([np.sin(2 * np.pi * h / 24), np.cos(2 * np.pi * h / 24)])


raw = abs(23 - 1)
cyc = float(np.linalg.norm(encode(23) - encode(1)))
print("raw", raw, "12:00 vs 00:00", round(float(np.linalg.norm(encode(12) - encode(0))), 4))
print(round(cyc, 4))
