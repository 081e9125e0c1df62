"""Largest model per strategy on 8 x 80 GB, and ZeRO-3's communication time per step (challenge distributed-training-zero3-capacity-comm)."""
GPUS, MEM, RESERVE, BYTES_PER_PARAM = 8, 80e9, 24e9, 16
LINK = 100e9                                   # bytes per second per GPU
budget = MEM - RESERVE
ddp = budget / BYTES_PER_PARAM
zero3 = GPUS * budget / BYTES_PER_PARAM
ddp_comm = 2 * ddp * 2 / LINK                  # about 2 psi values of 2 bytes per GPU per step
zero3_comm = 3 * zero3 * 2 / LINK              # about 3 psi values of 2 bytes per GPU per step
print(f"DDP: {ddp / 1e9:.2f} B params, {ddp_comm:.3f} s of communication per step")
print(f"ZeRO-3: {zero3 / 1e9:.2f} B params, {zero3_comm:.3f} s per step")
print(round(zero3_comm, 3))
