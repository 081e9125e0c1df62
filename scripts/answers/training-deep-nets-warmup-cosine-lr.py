"""Learning rate at step 400: linear warmup over 100 steps to 1e-3, then cosine decay to 0 at step 1000 (LambdaLR)."""
import math
import torch

def factor(step):
    if step < 100:
        return step / 100
    return 0.5 * (1 + math.cos(math.pi * (step - 100) / 900))

p = torch.nn.Parameter(torch.zeros(1))
opt = torch.optim.SGD([p], lr=1e-3)
sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
lrs = []
for step in range(1001):
    lrs.append(opt.param_groups[0]["lr"])
    opt.step(); sched.step()
print("lr at 0, 50, 100, 400, 1000:", lrs[0], lrs[50], lrs[100], lrs[400], lrs[1000])
print(lrs[400])
