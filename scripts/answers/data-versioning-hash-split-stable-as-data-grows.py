"""A seeded random split is not stable when rows are appended; a hash-of-id split is."""
import hashlib

import numpy as np
from sklearn.model_selection import train_test_split


def hash_test(i: int) -> bool:
    return int(hashlib.md5(str(i).encode()).hexdigest(), 16) % 10 < 2


ids_1000 = np.arange(1, 1001)
ids_1200 = np.arange(1, 1201)
_, test_a = train_test_split(ids_1000, test_size=0.2, random_state=0)
_, test_b = train_test_split(ids_1200, test_size=0.2, random_state=0)
kept_random = len(set(test_a) & set(test_b))
hash_a = {i for i in ids_1000 if hash_test(int(i))}
hash_b = {i for i in ids_1200 if hash_test(int(i))}
print("random split: test sizes", len(test_a), len(test_b), "original test ids still in test", kept_random)
print("original test ids now in TRAIN", len(set(test_a) - set(test_b)))
print("hash split: test sizes", len(hash_a), len(hash_b), "kept", len(hash_a & hash_b))
print(kept_random)
