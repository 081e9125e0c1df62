"""Parameter count and size of a small MLP (challenge edge-browser-ml-mlp-size-budget)."""
import io
import torch
from torch import nn

model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
n = sum(p.numel() for p in model.parameters())
buf = io.BytesIO(); torch.save(model.state_dict(), buf)
print(f"float32 {4 * n / 1024:.1f} KiB, int8 {n / 1024:.1f} KiB, torch.save file {len(buf.getvalue()) / 1024:.1f} KiB")
print(n)
