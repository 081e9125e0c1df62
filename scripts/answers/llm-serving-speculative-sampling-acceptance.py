"""Acceptance rate of speculative sampling and a check that it keeps the target distribution (challenge llm-serving-speculative-sampling-acceptance)."""
import numpy as np

def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()

p = softmax(np.array([2.0, 1.0, 0.5, 0.0, -1.0]))    # target model
q = softmax(np.array([1.5, 1.2, 0.3, 0.2, -0.5]))    # draft model
alpha = np.minimum(p, q).sum()
residual = np.maximum(p - q, 0)
residual /= residual.sum()

rng = np.random.default_rng(0)
n = 200_000
x = rng.choice(5, size=n, p=q)
accept = rng.random(n) < np.minimum(1, p[x] / q[x])
out = np.where(accept, x, rng.choice(5, size=n, p=residual))
emp = np.bincount(out, minlength=5) / n
print(f"acceptance simulated {accept.mean():.4f}, total variation to p {0.5 * np.abs(emp - p).sum():.4f}")
print(round(float(alpha), 4))
