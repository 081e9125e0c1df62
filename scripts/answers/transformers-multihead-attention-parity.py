"""Parameter count of nn.MultiheadAttention(embed_dim=64, num_heads=8): in_proj 3*64*64 + 3*64, out_proj 64*64 + 64."""
import torch

mha = torch.nn.MultiheadAttention(embed_dim=64, num_heads=8, batch_first=True)
print({n: tuple(p.shape) for n, p in mha.named_parameters()})
print(sum(p.numel() for p in mha.parameters()))
