"""ZeRO stage 1 by hand on two gloo processes: each rank keeps Adam state for its own parameters (challenge distributed-training-zero1-by-hand)."""
import os
import socket

import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

def data():
    rs = np.random.RandomState(0)
    X = rs.randn(256, 10).astype(np.float32)
    y = (X @ rs.randn(10) + 0.1 * rs.randn(256)).astype(np.float32)
    return torch.from_numpy(X), torch.from_numpy(y).unsqueeze(1)

def fresh():
    model = torch.nn.Sequential(torch.nn.Linear(10, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1))
    rs = np.random.RandomState(1)
    with torch.no_grad():
        for p in model.parameters():                       # weight 1, bias 1, weight 2, bias 2
            p.copy_(torch.from_numpy((0.1 * rs.randn(*p.shape)).astype(np.float32)))
    return model

STEPS = 10

def batch(step, rows):                                     # the 64-row batches cycle through the data in order
    lo = (step % 4) * 64
    return rows[lo:lo + 64]

def worker(rank, world, port, out):
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    X, y = data()
    model = fresh()
    params = list(model.parameters())
    owner = [0, 0, 1, 1]                                   # rank 0 owns the first layer, rank 1 the second
    mine = [p for p, o in zip(params, owner) if o == rank]
    opt = torch.optim.Adam(mine, lr=0.01)
    state_bytes = 0
    for step in range(STEPS):
        xb, yb = batch(step, X)[rank::2], batch(step, y)[rank::2]   # each rank takes half of the batch
        model.zero_grad()
        torch.nn.functional.mse_loss(model(xb), yb).backward()
        for p in params:
            dist.all_reduce(p.grad)
            p.grad /= world
        opt.step()
        for p, o in zip(params, owner):
            dist.broadcast(p.data, src=o)
    state_bytes = sum(t.numel() * t.element_size() for s in opt.state.values() for t in s.values() if t.dim() > 0)
    with torch.no_grad():
        out[rank] = (torch.nn.functional.mse_loss(model(X), y).item(), state_bytes)
    dist.destroy_process_group()

def reference():
    X, y = data()
    model = fresh()
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    for step in range(STEPS):
        model.zero_grad()
        torch.nn.functional.mse_loss(model(batch(step, X)), batch(step, y)).backward()
        opt.step()
    with torch.no_grad():
        return torch.nn.functional.mse_loss(model(X), y).item()

if __name__ == "__main__":
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = mp.Manager().dict()
    mp.spawn(worker, args=(2, port, out), nprocs=2)
    print(f"sharded (loss, Adam state bytes) per rank {dict(out)}; single process Adam on 64 rows: {reference():.6f}")
    print(round(out[0][0], 5))
