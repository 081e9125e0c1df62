"""Build the Llama-3-8B-shaped model from the task on the meta device (no memory, no download), add LoRA r = 16 to
q, k, v and o, count parameters, and price memory: frozen weights at 2 bytes, trainable ones at 16 bytes
(bf16 weight and gradient, fp32 master copy and two Adam moments). Prints GB (1e9 bytes) for LoRA last."""
import torch
from torch import nn

V, D, L, F, KV, R = 128256, 4096, 32, 14336, 1024, 16
meta = {"device": "meta"}


class RMSNormWeight(nn.Module):
    """An RMSNorm's only parameters: one scale per hidden unit."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(D, **meta))


def block():
    return nn.ModuleDict({
        "q": nn.Linear(D, D, bias=False, **meta), "k": nn.Linear(D, KV, bias=False, **meta),
        "v": nn.Linear(D, KV, bias=False, **meta), "o": nn.Linear(D, D, bias=False, **meta),
        "gate": nn.Linear(D, F, bias=False, **meta), "up": nn.Linear(D, F, bias=False, **meta),
        "down": nn.Linear(F, D, bias=False, **meta),
        "norm1": RMSNormWeight(), "norm2": RMSNormWeight(),
    })


model = nn.ModuleDict({
    "embed": nn.Embedding(V, D, **meta),
    "layers": nn.ModuleList(block() for _ in range(L)),
    "norm": RMSNormWeight(),
    "lm_head": nn.Linear(D, V, bias=False, **meta),
})
base = sum(p.numel() for p in model.parameters())
lora = 0
for layer in model["layers"]:
    for name in ("q", "k", "v", "o"):
        lin = layer[name]
        A = nn.Parameter(torch.empty(R, lin.in_features, **meta))
        B = nn.Parameter(torch.empty(lin.out_features, R, **meta))
        lora += A.numel() + B.numel()
full_gb = base * 16 / 1e9
lora_gb = (base * 2 + lora * 16) / 1e9
print("base params", base, "LoRA params", lora, "full fine-tune GB", round(full_gb, 2))
print(round(lora_gb, 2))
