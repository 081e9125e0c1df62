"""LoRA (alpha 16) fitted to a seeded rank-4 update of a 64x64 layer for r = 1, 2, 4, 8, vs the Eckart-Young bound.

Columns: r, final loss, relative error of the learned update, best possible rank-r error from the SVD."""
import torch

torch.manual_seed(0)
U = torch.randn(64, 4); V = torch.randn(4, 64); dW = U @ V
base = torch.nn.Linear(64, 64)
for p in base.parameters(): p.requires_grad_(False)
s = torch.linalg.svdvals(dW)
bounds = {}
for r in (1, 2, 4, 8):
    A = torch.nn.Parameter(torch.randn(r, 64) * 0.01); B = torch.nn.Parameter(torch.zeros(64, r)); alpha = 16
    opt = torch.optim.Adam([A, B], lr=1e-2)
    for step in range(2000):
        x = torch.randn(256, 64)
        out = base(x) + (alpha / r) * (x @ A.T) @ B.T
        loss = ((out - (base(x) + x @ dW.T)) ** 2).mean()
        opt.zero_grad(); loss.backward(); opt.step()
    learned = (alpha / r) * B @ A
    err = ((learned - dW).norm() / dW.norm()).item()
    bound = (torch.sqrt((s[r:] ** 2).sum() / (s ** 2).sum())).item()
    print(r, round(loss.item(), 6), round(err, 4), round(bound, 4))
    bounds[r] = bound
print(round(bounds[1], 4))
