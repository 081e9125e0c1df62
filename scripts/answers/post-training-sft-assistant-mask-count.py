"""Build the token ids and labels of the conversation in the task with assistant-only loss masking (-100 elsewhere),
then check with cross_entropy that masked positions contribute nothing; prints the count of trained positions last."""
import torch
import torch.nn.functional as F

conversation = [
    ("system", "You answer in one short sentence."),
    ("user", "What is the capital of France?"),
    ("assistant", "Paris is the capital."),
    ("user", "And of Italy?"),
    ("assistant", "Rome is."),
]
tokens, train = ["<s>"], [False]
for role, text in conversation:
    words = text.split()
    tokens += [f"<|{role}|>"] + words + ["<|end|>"]
    # The role marker is part of the prompt; the reply's words and its end marker are what the model must learn.
    train += [False] + [role == "assistant"] * (len(words) + 1)
vocab = {t: i for i, t in enumerate(dict.fromkeys(tokens))}
ids = torch.tensor([vocab[t] for t in tokens])
labels = torch.where(torch.tensor(train), ids, torch.tensor(-100))
torch.manual_seed(0)
logits = torch.randn(len(ids), len(vocab))
masked = F.cross_entropy(logits, labels, ignore_index=-100)
by_hand = F.cross_entropy(logits[labels != -100], labels[labels != -100])
assert torch.allclose(masked, by_hand)
print("tokens", len(ids), "trained", int((labels != -100).sum()))
print(int((labels != -100).sum()))
