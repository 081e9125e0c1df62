"""Cross-entropy of a 64-128-10 MLP on digits whose last layer is zeroed: every logit is 0, so the loss is ln(10)."""
import math
import torch
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)
torch.manual_seed(0)
net = torch.nn.Sequential(torch.nn.Linear(64, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
with torch.no_grad():
    loss_default = torch.nn.functional.cross_entropy(net(torch.tensor(X / 16, dtype=torch.float32)), torch.tensor(y)).item()
    net[2].weight.zero_(); net[2].bias.zero_()
    loss = torch.nn.functional.cross_entropy(net(torch.tensor(X / 16, dtype=torch.float32)), torch.tensor(y)).item()
print("default init loss:", loss_default, "zeroed last layer:", loss, "ln 10:", math.log(10))
print(round(loss, 3))
