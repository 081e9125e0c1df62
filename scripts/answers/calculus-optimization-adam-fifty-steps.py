"""Adam (lr 0.1, default betas and eps) on f(x) = (x - 3)^2 from x = 0: x after 50 steps, by torch and by hand."""
import math

import torch

x = torch.tensor([0.0], requires_grad=True)
opt = torch.optim.Adam([x], lr=0.1)
for step in range(50):
    opt.zero_grad()
    loss = (x - 3) ** 2
    loss.backward()
    opt.step()

# The same update written out, to show what the optimiser does.
v, m, s = 0.0, 0.0, 0.0
b1, b2, eps, lr = 0.9, 0.999, 1e-8, 0.1
for t in range(1, 51):
    g = 2 * (v - 3)
    m = b1 * m + (1 - b1) * g
    s = b2 * s + (1 - b2) * g * g
    v -= lr * (m / (1 - b1**t)) / (math.sqrt(s / (1 - b2**t)) + eps)
print("by hand", round(v, 4), "plain GD lr 0.1 after 50 steps", round(3 - 3 * 0.8**50, 4))
print(round(float(x.item()), 4))
