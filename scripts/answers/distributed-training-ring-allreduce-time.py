"""Bytes each GPU sends in a ring all-reduce and the time it takes (challenge distributed-training-ring-allreduce-time)."""
GRAD_BYTES = 1.5e9 * 2            # bf16 gradients of 1.5 B parameters
LINK = 50e9                       # bytes per second each GPU can send
for n in (2, 8, 64):
    sent = 2 * (n - 1) / n * GRAD_BYTES   # reduce-scatter then all-gather, (n - 1) / n of the data each
    print(f"{n} GPUs: {sent / 1e9:.3f} GB sent per GPU, {sent / LINK:.4f} s")
print(round(2 * 7 / 8 * GRAD_BYTES / LINK, 4))
