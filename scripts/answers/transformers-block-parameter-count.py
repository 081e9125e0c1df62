"""Parameters of nn.TransformerEncoderLayer(d_model=512, nhead=8, dim_feedforward=2048): attention + FFN + 2 LayerNorms."""
import torch

layer = torch.nn.TransformerEncoderLayer(d_model=512, nhead=8, dim_feedforward=2048)
d, f = 512, 2048
by_hand = (4 * d * d + 4 * d) + (d * f + f + f * d + d) + 2 * (2 * d)
count = sum(p.numel() for p in layer.parameters())
print("by hand:", by_hand, "torch:", count)
print(count)
