"""Negative-sampling probability of the rarest word under the unigram^0.75 distribution, counts 1000, 100, 10, 1."""
import numpy as np

counts = np.array([1000, 100, 10, 1], float)
raw = counts / counts.sum()
smooth = counts ** 0.75 / (counts ** 0.75).sum()
print("raw:", raw, "0.75 power:", smooth, "boost for rarest:", smooth[-1] / raw[-1])
print(round(smooth[-1], 5))
