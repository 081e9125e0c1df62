"""dL/dw for h_t = w * h_{t-1} + x_t, h_0 = 0, x = [1, 0.5, -1, 2], w = 0.9, L = h_4^2 / 2: by hand vs autograd."""
import torch

x = [1.0, 0.5, -1.0, 2.0]
w = torch.tensor(0.9, dtype=torch.float64, requires_grad=True)
h = torch.tensor(0.0, dtype=torch.float64)
hs = [h]
for xt in x:
    h = w * h + xt
    hs.append(h)
loss = h ** 2 / 2
loss.backward()
# by hand: dh_t/dw = h_{t-1} + w * dh_{t-1}/dw
hv, dh = 0.0, 0.0
for xt in x:
    dh = hv + 0.9 * dh
    hv = 0.9 * hv + xt
print("h_4:", hv, "by hand dL/dw:", hv * dh, "autograd:", w.grad.item())
print(round(w.grad.item(), 4))
