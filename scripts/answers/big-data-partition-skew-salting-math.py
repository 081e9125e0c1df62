"""Partition sizes under key % 16 with one hot key, before and after salting the hot key over 16 salts."""
import numpy as np

P = 16
keys = np.concatenate([np.zeros(500_000, dtype=np.int64), np.repeat(np.arange(1, 1001), 500)])
before = np.bincount(keys % P, minlength=P)
salt = np.where(keys == 0, np.arange(len(keys)) % P, 0)
after = np.bincount((keys + salt) % P, minlength=P)
mean = len(keys) / P
print("rows", len(keys), "mean per partition", mean)
print("before: max", before.max(), "ratio", before.max() / mean)
print("after: max", after.max(), "ratio", after.max() / mean)
print(round(float(before.max() / mean), 2))
