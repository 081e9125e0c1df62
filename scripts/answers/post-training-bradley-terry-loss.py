"""Bradley-Terry loss and accuracy of a reward model on the six (chosen, rejected) score pairs in the task;
prints the mean loss last."""
import torch
import torch.nn.functional as F

pairs = torch.tensor([(2.1, 0.4), (0.3, 0.9), (1.5, 1.4), (-0.2, -1.7), (0.8, 0.8), (3.0, 1.0)])
margin = pairs[:, 0] - pairs[:, 1]
loss = -F.logsigmoid(margin)
print("per pair", [round(x, 4) for x in loss.tolist()], "accuracy", (margin > 0).float().mean().item())
print(round(loss.mean().item(), 4))
