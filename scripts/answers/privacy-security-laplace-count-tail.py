import numpy as np
eps, sensitivity = 0.5, 1.0
b = sensitivity / eps
p = np.exp(-5 / b)   # P(|Laplace(0, b)| > 5) = exp(-5/b)
rng = np.random.default_rng(0)
print("simulated", (np.abs(rng.laplace(0, b, 1_000_000)) > 5).mean())
print(round(p, 4))
