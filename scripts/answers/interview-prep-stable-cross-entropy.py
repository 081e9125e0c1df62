import numpy as np
z = np.array([1000.0, 1001.0, 1002.0]); label = 0
m = z.max()
lse = m + np.log(np.sum(np.exp(z - m)))
ce = lse - z[label]
grad = np.exp(z - lse); grad[label] -= 1
print("grad", grad)
print(round(ce, 4))
