"""Peak stored activations with segment checkpointing, best segment size (challenge distributed-training-checkpointing-sqrt-n)."""
import math

N, UNIT_MB = 36, 250
def peak_units(k):             # n / k segment inputs kept, plus one segment's k layers rebuilt during backward
    return N / k + k
options = {k: peak_units(k) for k in range(1, N + 1) if N % k == 0}
best = min(options, key=options.get)
print({k: v for k, v in options.items()}, "no checkpointing:", N * UNIT_MB, "MB")
print(f"best k {best}, extra forward work about one forward pass (~33% of a step if backward costs twice a forward)")
print(round(options[best] * UNIT_MB))
