"""QLoRA memory for the Llama-3-70B-shaped model in the task, built on the meta device: the linear layers of the 80
blocks in NF4 with double quantisation (4 bits + 8-bit absmax per 64 weights + fp32 constant per 256 absmaxes),
embeddings, LM head and norms in bf16, LoRA r = 16 on all seven projections at 16 bytes per trainable parameter.
Prints GB (1e9 bytes) last."""
import torch
from torch import nn

V, D, L, F, KV, R = 128256, 8192, 80, 28672, 1024, 16
meta = {"device": "meta"}
SHAPES = {"q": (D, D), "k": (D, KV), "v": (D, KV), "o": (D, D), "gate": (D, F), "up": (D, F), "down": (F, D)}
blocks = nn.ModuleList(
    nn.ModuleDict({n: nn.Linear(i, o, bias=False, **meta) for n, (i, o) in SHAPES.items()}) for _ in range(L)
)
quantised = sum(p.numel() for p in blocks.parameters())
embed = nn.Embedding(V, D, **meta)
head = nn.Linear(D, V, bias=False, **meta)
norms = L * 2 * D + D
kept_bf16 = embed.weight.numel() + head.weight.numel() + norms
lora = 0
for block in blocks:
    for lin in block.values():
        lora += R * lin.in_features + lin.out_features * R
bits = 4 + 8 / 64 + 32 / (64 * 256)
parts = {
    "NF4 linears": quantised * bits / 8,
    "bf16 embeddings, head, norms": kept_bf16 * 2,
    "LoRA trainable": lora * 16,
}
print("params", quantised + kept_bf16, "LoRA", lora, "bits per quantised weight", bits)
for k, v in parts.items():
    print(k, round(v / 1e9, 3), "GB")
print(round(sum(parts.values()) / 1e9, 2))
