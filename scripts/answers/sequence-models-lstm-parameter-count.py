"""Parameters of nn.LSTM(input_size=10, hidden_size=20): 4 gates x (W_ih + W_hh + b_ih + b_hh)."""
import torch

lstm = torch.nn.LSTM(input_size=10, hidden_size=20)
by_hand = 4 * (20 * 10 + 20 * 20 + 20 + 20)
count = sum(p.numel() for p in lstm.parameters())
print({n: tuple(p.shape) for n, p in lstm.named_parameters()}, "by hand:", by_hand)
print(count)
