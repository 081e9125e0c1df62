"""f(x, y) = x^2 + 10 y^2 at the end of 100 gradient-descent steps from (5, 5), for each learning rate; answer: lr = 0.01."""
import numpy as np

out = {}
for lr in (0.01, 0.05, 0.09, 0.1, 0.11):
    p = np.array([5.0, 5.0])
    for _ in range(100):
        p = p - lr * np.array([2 * p[0], 20 * p[1]])
    out[lr] = p[0] ** 2 + 10 * p[1] ** 2
    print(lr, out[lr])
print(round(out[0.01], 3))
