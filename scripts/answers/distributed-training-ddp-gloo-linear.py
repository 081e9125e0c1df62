"""DDP with gloo on two CPU processes equals single-process training on the combined batch (challenge distributed-training-ddp-gloo-linear)."""
import os
import socket

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

def data():
    rs = np.random.RandomState(0)
    X = rs.randn(256, 10).astype(np.float32)
    y = (X @ rs.randn(10) + 0.1 * rs.randn(256)).astype(np.float32)
    return torch.from_numpy(X), torch.from_numpy(y).unsqueeze(1)

def fresh():
    model = torch.nn.Linear(10, 1)
    torch.nn.init.zeros_(model.weight)
    torch.nn.init.zeros_(model.bias)
    return model

def worker(rank, world, port, out):
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    X, y = data()
    ds = TensorDataset(X, y)
    sampler = DistributedSampler(ds, num_replicas=world, rank=rank, shuffle=False)
    loader = DataLoader(ds, batch_size=32, sampler=sampler)
    model = DDP(fresh())
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for epoch in range(5):
        for xb, yb in loader:
            opt.zero_grad()
            torch.nn.functional.mse_loss(model(xb), yb).backward()   # DDP averages gradients over ranks
            opt.step()
    with torch.no_grad():
        out[rank] = torch.nn.functional.mse_loss(model(X), y).item()
    dist.destroy_process_group()

def single():
    X, y = data()
    model = fresh()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for epoch in range(5):
        for lo in range(0, 256, 64):
            opt.zero_grad()
            torch.nn.functional.mse_loss(model(X[lo:lo + 64]), y[lo:lo + 64]).backward()
            opt.step()
    with torch.no_grad():
        return torch.nn.functional.mse_loss(model(X), y).item()

if __name__ == "__main__":
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = mp.Manager().dict()
    mp.spawn(worker, args=(2, port, out), nprocs=2)
    print(f"DDP ranks {dict(out)}, single process with batch 64: {single():.6f}")
    print(round(out[0], 5))
