"""Gradient of cross-entropy w.r.t. the logits [2.0, 1.0, 0.1] for true class 0: analytic p - y vs autograd."""
import torch

z = torch.tensor([2.0, 1.0, 0.1], dtype=torch.float64, requires_grad=True)
loss = torch.nn.functional.cross_entropy(z.unsqueeze(0), torch.tensor([0]))
loss.backward()
p = torch.softmax(z.detach(), 0)
analytic = p - torch.tensor([1.0, 0.0, 0.0], dtype=torch.float64)
print("loss:", loss.item(), "autograd:", z.grad.tolist(), "p - y:", analytic.tolist())
print(round(z.grad[0].item(), 4))
