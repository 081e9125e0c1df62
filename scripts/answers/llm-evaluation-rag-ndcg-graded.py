"""Mean nDCG@5 (linear gain, log2(rank+1) discount, ideal over every judged document) for the three queries in the task,
by hand and with scikit-learn's ndcg_score; prints the mean last."""
import math

import numpy as np
from sklearn.metrics import ndcg_score

# Grades of the five retrieved documents in rank order, and grades of judged documents the retriever missed.
queries = {
    "q1": ([3, 0, 2, 1, 0], [2]),
    "q2": ([0, 1, 0, 3, 0], [2]),
    "q3": ([2, 2, 0, 0, 1], []),
}


def dcg(grades, gain=lambda g: g):
    return sum(gain(g) / math.log2(i + 2) for i, g in enumerate(grades[:5]))


hand, lib, expo = [], [], []
for q, (retrieved, missed) in queries.items():
    ideal = sorted(retrieved + missed, reverse=True)
    hand.append(dcg(retrieved) / dcg(ideal))
    expo.append(dcg(retrieved, lambda g: 2**g - 1) / dcg(ideal, lambda g: 2**g - 1))
    # scikit-learn: every judged document with a score; missed ones score below all retrieved ones.
    y_true = np.array([retrieved + missed], dtype=float)
    y_score = np.array([[5, 4, 3, 2, 1] + [-1 - i for i in range(len(missed))]], dtype=float)
    lib.append(ndcg_score(y_true, y_score, k=5))
    print(q, "nDCG@5", round(hand[-1], 4), "sklearn", round(lib[-1], 4), "exp gain", round(expo[-1], 4))
assert abs(sum(hand) - sum(lib)) < 1e-9
print("mean with exponential gain", round(sum(expo) / 3, 4))
print(round(sum(hand) / 3, 4))
