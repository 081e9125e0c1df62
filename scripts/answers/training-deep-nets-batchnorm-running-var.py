"""BatchNorm1d(1) after one training-mode forward pass of [1, 2, 3, 4]: running_var uses the unbiased variance."""
import torch

bn = torch.nn.BatchNorm1d(1)  # momentum 0.1, running_var starts at 1
x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
bn.train()
out = bn(x)
print("output:", out.squeeze().tolist())
print("running_mean:", bn.running_mean.item(), "running_var:", bn.running_var.item())
print("biased var:", x.var(unbiased=False).item(), "unbiased var:", x.var(unbiased=True).item())
print(round(bn.running_var.item(), 4))
