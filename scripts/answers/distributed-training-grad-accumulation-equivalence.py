"""One epoch with batch 64 versus micro-batches of 16 accumulated four times (challenge distributed-training-grad-accumulation-equivalence)."""
import numpy as np
import torch

rs = np.random.RandomState(0)
X = rs.randn(256, 10).astype(np.float32)
y = (X @ rs.randn(10) + 0.1 * rs.randn(256)).astype(np.float32)
X, y = torch.from_numpy(X), torch.from_numpy(y).unsqueeze(1)

def train(micro, accum, divide=True):
    model = torch.nn.Linear(10, 1)
    torch.nn.init.zeros_(model.weight)
    torch.nn.init.zeros_(model.bias)
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for step in range(256 // (micro * accum)):
        opt.zero_grad()
        for k in range(accum):
            lo = (step * accum + k) * micro
            loss = torch.nn.functional.mse_loss(model(X[lo:lo + micro]), y[lo:lo + micro])
            (loss / accum if divide else loss).backward()
        opt.step()
    with torch.no_grad():
        return torch.nn.functional.mse_loss(model(X), y).item(), model.weight.clone()

full, w_full = train(64, 1)
acc, w_acc = train(16, 4)
wrong, _ = train(16, 4, divide=False)
print(f"batch 64: {full:.6f}; 16 x 4: {acc:.6f} (max weight difference {(w_full - w_acc).abs().max().item():.2e}); without dividing: {wrong:.6f}")
print(round(acc, 5))
