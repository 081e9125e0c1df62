"""Combining per-partition aggregates: the mean of partition means is wrong when partitions differ in size."""
import numpy as np
from sklearn.datasets import load_diabetes

_, y = load_diabetes(return_X_y=True)
parts = [y[:400], y[400:]]
true_mean = y.mean()
mean_of_means = np.mean([p.mean() for p in parts])
combined = sum(p.sum() for p in parts) / sum(len(p) for p in parts)
print("sizes", [len(p) for p in parts], "partition means", [p.mean() for p in parts])
print("true", true_mean, "mean of means", mean_of_means, "sum/count", combined)
print("median of medians", np.median([np.median(p) for p in parts]), "true median", np.median(y))
print(round(float(abs(mean_of_means - true_mean)), 2))
