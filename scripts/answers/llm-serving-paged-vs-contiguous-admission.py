"""Concurrent requests admitted under contiguous reservation versus paged blocks (challenge llm-serving-paged-vs-contiguous-admission)."""
import math

BUDGET = 16 * 2**30                # bytes for the KV cache
PER_TOKEN = 131072                 # bytes of K and V per token
MAX_LEN, BLOCK = 4096, 16
lengths = [200 + (i * 611) % 1800 for i in range(1000)]   # prompt + output tokens of each queued request

contiguous = BUDGET // (MAX_LEN * PER_TOKEN)
blocks = BUDGET // (BLOCK * PER_TOKEN)
used, admitted = 0, 0
for L in lengths:                  # first come, first served: stop at the first request that does not fit
    need = math.ceil(L / BLOCK)
    if used + need > blocks:
        break
    used += need
    admitted += 1
real = sum(lengths[:contiguous])
print(f"contiguous: {contiguous} requests, {real / (contiguous * MAX_LEN):.1%} of reserved slots used")
print(f"paged: {blocks} blocks, {admitted} requests, {used} blocks, waste {(used * BLOCK - sum(lengths[:admitted])) / (used * BLOCK):.2%}")
print(admitted)
