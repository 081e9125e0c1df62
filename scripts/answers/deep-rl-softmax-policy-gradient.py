import numpy as np
logits = np.array([1.0, 0.5, -0.5]); a, G = 1, 2.0
pi = np.exp(logits - logits.max()); pi /= pi.sum()
grad = G * (np.eye(3)[a] - pi)      # d/dlogits of G * log pi(a)
print("pi", pi, "grad", grad)
print(round(grad[a], 4))
