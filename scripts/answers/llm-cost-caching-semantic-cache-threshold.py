"""Hit rate and wrong-answer rate of a similarity cache at several thresholds, digits standing in for queries (challenge llm-cost-caching-semantic-cache-threshold)."""
import numpy as np
from sklearn.datasets import load_digits

digits = load_digits()
X = digits.data / np.linalg.norm(digits.data, axis=1, keepdims=True)
labels = digits.target

def run(tau):
    keys, answers, hits, wrong = [], [], 0, 0
    for x, label in zip(X, labels):
        if keys:
            sims = np.asarray(keys) @ x
            best = int(np.argmax(sims))
            if sims[best] >= tau:
                hits += 1
                wrong += answers[best] != label
                continue
        keys.append(x)                     # a miss: "call the model", store the query and its answer
        answers.append(label)
    return hits / len(X), wrong / max(hits, 1), len(keys)

for tau in (0.80, 0.85, 0.90, 0.95):
    h, w, size = run(tau)
    print(f"tau {tau:.2f}: hit rate {h:.4f}, wrong among hits {w:.4f}, cache entries {size}")
print(round(run(0.90)[0], 4))
