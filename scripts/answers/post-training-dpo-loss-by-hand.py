"""DPO loss for one pair with summed log-probs from the task and beta = 0.1: -log sigmoid(beta * (policy log-ratio
minus reference log-ratio)); prints the loss last."""
import torch
import torch.nn.functional as F

beta = 0.1
pol_c, pol_r, ref_c, ref_r = map(torch.tensor, (-12.0, -15.0, -13.0, -14.0))
logits = beta * ((pol_c - ref_c) - (pol_r - ref_r))
loss = -F.logsigmoid(logits)
print("implicit rewards", round((beta * (pol_c - ref_c)).item(), 3), round((beta * (pol_r - ref_r)).item(), 3))
print(round(loss.item(), 4))
