"""Receptive field of causal Conv1d stack, kernel 3, dilations 1, 2, 4, 8 repeated twice; checked by an impulse test."""
import torch

dil = [1, 2, 4, 8] * 2
rf = 1 + sum((3 - 1) * d for d in dil)
layers = []
for d in dil:
    layers.append(torch.nn.ConstantPad1d(((3 - 1) * d, 0), 0.0))  # left padding only: causal
    layers.append(torch.nn.Conv1d(1, 1, 3, dilation=d, bias=False))
net = torch.nn.Sequential(*layers)
with torch.no_grad():
    for m in net:
        if isinstance(m, torch.nn.Conv1d):
            m.weight.fill_(1.0)
x = torch.zeros(1, 1, 200, requires_grad=True)
y = net(x)
y[0, 0, 150].backward()
touched = torch.nonzero(x.grad[0, 0]).flatten()
print("formula:", rf, "inputs that reach output 150:", touched.min().item(), "to", touched.max().item(), "count", len(touched))
print(len(touched))
