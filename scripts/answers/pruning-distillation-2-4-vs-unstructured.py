import numpy as np
rng = np.random.default_rng(0)
w = rng.normal(0.0, 1.0, size=(128, 128))
x = rng.normal(0.0, 1.0, size=(128, 1000))
# unstructured: zero the 50% smallest magnitudes of the whole matrix
thr = np.median(np.abs(w))
w_u = np.where(np.abs(w) > thr, w, 0.0)
# 2:4: in every group of 4 consecutive weights along each row, keep the 2 largest magnitudes
g = w.reshape(128, 32, 4)
order = np.argsort(np.abs(g), axis=-1)
mask = np.ones_like(g, dtype=bool)
np.put_along_axis(mask, order[..., :2], False, axis=-1)
w_24 = (g * mask).reshape(128, 128)
y = w @ x
err = lambda wp: np.linalg.norm(y - wp @ x) / np.linalg.norm(y)
print("sparsity", (w_u == 0).mean(), (w_24 == 0).mean())
print("unstructured", err(w_u), "2:4", err(w_24))
print(round(err(w_24) / err(w_u), 3))
