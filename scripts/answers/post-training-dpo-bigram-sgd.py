"""DPO by running: a bigram policy over 4 tokens (logits table initialised to zeros), a frozen all-zeros reference,
prompt ending in token 0, chosen [1, 2, 3], rejected [1, 3, 3], beta 0.1, plain SGD lr 1.0 for 20 steps on the
single pair. Prints the loss at initialisation and after each 5 steps, then the loss after 20 steps last."""
import torch
import torch.nn.functional as F

V, beta, lr, steps = 4, 0.1, 1.0, 20
W = torch.zeros(V, V, requires_grad=True)
W_ref = torch.zeros(V, V)
prompt_last, chosen, rejected = 0, [1, 2, 3], [1, 3, 3]


def seq_logp(table, response):
    prev = [prompt_last] + response[:-1]
    logp = F.log_softmax(table[prev], dim=-1)
    return logp[torch.arange(len(response)), response].sum()


def dpo_loss():
    chosen_ratio = seq_logp(W, chosen) - seq_logp(W_ref, chosen)
    rejected_ratio = seq_logp(W, rejected) - seq_logp(W_ref, rejected)
    return -F.logsigmoid(beta * (chosen_ratio - rejected_ratio))


opt = torch.optim.SGD([W], lr=lr)
print("init", round(dpo_loss().item(), 6))
for step in range(1, steps + 1):
    opt.zero_grad()
    dpo_loss().backward()
    opt.step()
    if step % 5 == 0:
        print(step, round(dpo_loss().item(), 6))
print(round(dpo_loss().item(), 4))
