"""Largest Hessian eigenvalue of Rosenbrock at (-1, 1) by power iteration on Hessian-vector products (double backprop)."""
import torch

def f(w):
    x, y = w[0], w[1]
    return (1 - x) ** 2 + 100 * (y - x ** 2) ** 2

w = torch.tensor([-1.0, 1.0], dtype=torch.float64, requires_grad=True)
g = torch.autograd.grad(f(w), w, create_graph=True)[0]

def hvp(v):
    return torch.autograd.grad(g, w, grad_outputs=v, retain_graph=True)[0]

v = torch.tensor([1.0, 0.0], dtype=torch.float64)
for _ in range(50):
    hv = hvp(v)
    lam = torch.dot(v, hv).item()
    v = hv / hv.norm()
H = torch.autograd.functional.hessian(f, w.detach())
print("Hessian:", H.tolist(), "eigvalsh:", torch.linalg.eigvalsh(H).tolist(), "power iteration:", lam)
print(round(lam, 1))
