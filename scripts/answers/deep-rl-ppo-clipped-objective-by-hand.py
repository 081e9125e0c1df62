import numpy as np
old_logp = np.log(np.array([0.5, 0.3, 0.6, 0.2, 0.4, 0.7]))
new_logp = np.log(np.array([0.65, 0.25, 0.4, 0.3, 0.42, 0.9]))
adv = np.array([1.0, -0.5, 2.0, 1.5, -1.0, 0.8])
eps = 0.2
ratio = np.exp(new_logp - old_logp)
unclipped = ratio * adv
clipped = np.clip(ratio, 1 - eps, 1 + eps) * adv
obj = np.minimum(unclipped, clipped)
print("ratio", ratio.round(4), "clip fraction", (np.abs(ratio - 1) > eps).mean(), "unclipped mean", unclipped.mean())
print(round(obj.mean(), 4))
