"""Percentiles of a small latency sample (challenge model-serving-latency-percentiles)."""
import numpy as np

ms = np.array([12, 15, 11, 14, 13, 16, 12, 95, 14, 13, 15, 12, 210, 14, 13, 12, 16, 15, 14, 13])
print(f"mean {ms.mean():.2f} p50 {np.percentile(ms, 50):.2f} p99 {np.percentile(ms, 99):.2f}")
print(round(float(np.percentile(ms, 95)), 2))
