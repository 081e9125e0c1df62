"""Learning rate at step 300 of a 1,000-step run: linear warm-up over 100 steps to 2e-4, then cosine decay to 0."""
import math

import torch

peak, warmup, total, at = 2e-4, 100, 1000, 300


def factor(step):
    if step < warmup:
        return step / warmup
    progress = (step - warmup) / (total - warmup)
    return 0.5 * (1 + math.cos(math.pi * progress))


p = torch.nn.Parameter(torch.zeros(1))
opt = torch.optim.AdamW([p], lr=peak)
sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
for _ in range(at):
    opt.step()
    sched.step()
lr = opt.param_groups[0]["lr"]
print("lr at step", at, lr)
print(f"{lr:.4e}")
