"""torch.nn.utils.clip_grad_norm_(max_norm=1.0) on gradients [3, 4] and [12]: the clipped value of the first gradient's first entry."""
import torch

a = torch.nn.Parameter(torch.zeros(2))
b = torch.nn.Parameter(torch.zeros(1))
a.grad = torch.tensor([3.0, 4.0])
b.grad = torch.tensor([12.0])
total = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
print("total norm before", float(total), "after", float(torch.cat([a.grad, b.grad]).norm()))
print(round(float(a.grad[0]), 4))
