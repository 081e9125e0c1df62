"""Transformer activation memory per Korthikanti et al., with and without full checkpointing (challenge distributed-training-activation-memory-transformer)."""
s, b, h, a, L = 2048, 4, 4096, 32, 32
per_layer = s * b * h * (34 + 5 * a * s / h)    # bytes, 16-bit activations, no tensor or sequence parallelism
none = L * per_layer
full = L * 2 * s * b * h + per_layer            # keep each layer's input, rebuild one layer at a time
GiB = 2 ** 30
print(f"per layer {per_layer / GiB:.4f} GiB, all layers {none / GiB:.2f} GiB, with full checkpointing {full / GiB:.4f} GiB")
print(round(full / GiB, 4))
