"""All-reduce on two CPU processes with the gloo backend (challenge distributed-training-gloo-hello-allreduce)."""
import os
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

def worker(rank, world, port, out):
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    dist.init_process_group("gloo", rank=rank, world_size=world)
    t = torch.arange(4, dtype=torch.float32) * (rank + 1)
    dist.all_reduce(t, op=dist.ReduceOp.SUM)
    t /= world
    out[rank] = t.sum().item()
    dist.destroy_process_group()

if __name__ == "__main__":
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    out = mp.Manager().dict()
    mp.spawn(worker, args=(2, port, out), nprocs=2)
    print(dict(out))
    print(out[0])
