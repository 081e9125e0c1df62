"""Spatial size after conv7x7 s2 p3 -> maxpool3 s2 p1 -> conv3x3 s1 p1 -> conv3x3 s2 p1 -> conv3x3 s2 p0 on a 224x224 input."""
import torch

net = torch.nn.Sequential(
    torch.nn.Conv2d(3, 64, 7, stride=2, padding=3),
    torch.nn.MaxPool2d(3, stride=2, padding=1),
    torch.nn.Conv2d(64, 64, 3, stride=1, padding=1),
    torch.nn.Conv2d(64, 128, 3, stride=2, padding=1),
    torch.nn.Conv2d(128, 256, 3, stride=2, padding=0),
)
x = torch.zeros(1, 3, 224, 224)
for layer in net:
    x = layer(x)
    print(type(layer).__name__, tuple(x.shape))
size = 224
for k, s, p in [(7, 2, 3), (3, 2, 1), (3, 1, 1), (3, 2, 1), (3, 2, 0)]:
    size = (size + 2 * p - k) // s + 1
print("formula:", size)
print(x.shape[-1])
