"""LoRA on a model with distilgpt2's shapes, built here (no download; PEFT is not on Debian): wrap c_attn, both c_proj
and c_fc of each of the 6 blocks with rank-r adapters, freeze the rest, and count trainable parameters from the modules."""
import torch
import torch.nn as nn

D, BLOCKS, VOCAB, POSITIONS = 768, 6, 50257, 1024


class Conv1D(nn.Module):
    """GPT-2's linear layer: the weight is stored d_in x d_out."""

    def __init__(self, d_in, d_out):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(d_in, d_out).normal_(std=0.02))
        self.bias = nn.Parameter(torch.zeros(d_out))

    def forward(self, x):
        return x @ self.weight + self.bias


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.ln_2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.attn = nn.ModuleDict({"c_attn": Conv1D(D, 3 * D), "c_proj": Conv1D(D, D)})
        self.mlp = nn.ModuleDict({"c_fc": Conv1D(D, 4 * D), "c_proj": Conv1D(4 * D, D)})

    def forward(self, x):
        q, k, v = self.attn["c_attn"](self.ln_1(x)).split(D, dim=-1)
        att = torch.softmax(q @ k.transpose(-1, -2) / D**0.5, dim=-1)
        x = x + self.attn["c_proj"](att @ v)
        return x + self.mlp["c_proj"](torch.nn.functional.gelu(self.mlp["c_fc"](self.ln_2(x))))


class TinyGPT2(nn.Module):
    def __init__(self):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(VOCAB, D), nn.Embedding(POSITIONS, D)
        self.h = nn.ModuleList(Block() for _ in range(BLOCKS))
        self.ln_f = nn.LayerNorm(D)

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.h:
            x = block(x)
        return self.ln_f(x) @ self.wte.weight.T


class LoRA(nn.Module):
    """base(x) + (alpha / r) * x A B, with A (d_in x r) random and B (r x d_out) zero, as LoRA and PEFT initialise them."""

    def __init__(self, base, r, alpha):
        super().__init__()
        d_in, d_out = base.weight.shape
        self.base, self.scale = base, alpha / r
        self.lora_A = nn.Parameter(torch.randn(d_in, r) / r)
        self.lora_B = nn.Parameter(torch.zeros(r, d_out))

    def forward(self, x):
        return self.base(x) + self.scale * (x @ self.lora_A @ self.lora_B)


torch.manual_seed(0)
model = TinyGPT2()
total = sum(p.numel() for p in model.parameters())
for p in model.parameters():
    p.requires_grad_(False)
ids = torch.randint(0, VOCAB, (1, 8))
with torch.no_grad():
    before = model(ids)
for block in model.h:
    for group in (block.attn, block.mlp):
        for name in list(group.keys()):
            group[name] = LoRA(group[name], r=8, alpha=16)
with torch.no_grad():
    after = model(ids)
assert torch.equal(before, after)  # B starts at zero, so the adapted model starts as the base model
trainable = {n: p.numel() for n, p in model.named_parameters() if p.requires_grad}
attn_only = sum(v for n, v in trainable.items() if ".c_attn." in n)
print("base parameters", total, "r=8 c_attn only:", attn_only, "adapter tensors:", len(trainable))
print(sum(trainable.values()))
