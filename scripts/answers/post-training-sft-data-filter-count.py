"""Apply the four SFT data rules of the task, in order, to its ten conversations; prints how many are kept last."""
LONG = " ".join(["word"] * 60)
data = [
    [("user", "How do I reverse a list?"), ("assistant", "Use reversed() or slice with [::-1].")],
    [("user", "how do I  reverse a list?"), ("assistant", "use reversed() or slice with [::-1].")],
    [("user", "Translate 'cat' to French."), ("assistant", "  ")],
    [("assistant", "Hello!"), ("user", "Hi")],
    [("user", "Summarise this."), ("assistant", LONG)],
    [("user", "What is 2+2?"), ("assistant", "4"), ("user", "And 3+3?"), ("assistant", "6")],
    [("user", "Name a prime."), ("assistant", "7"), ("user", "Another?")],
    [("user", "Define overfitting."), ("assistant", "Fitting noise in training data so that test error rises.")],
    [("user", "What is 2+2?"), ("assistant", "4")],
    [("user", "Define overfitting. "), ("assistant", "Fitting noise in training data so that test error rises.")],
]


def key(conv):
    return tuple((r, " ".join(t.lower().split())) for r, t in conv)


kept, seen = [], set()
for i, conv in enumerate(data, 1):
    roles = [r for r, _ in conv]
    if any(not t.strip() for _, t in conv):
        why = "empty turn"
    elif roles != ["user", "assistant"] * (len(conv) // 2) or len(conv) % 2:
        why = "roles do not alternate user/assistant ending with assistant"
    elif len(conv[-1][1].split()) > 50:
        why = "final reply over 50 words"
    elif key(conv) in seen:
        why = "duplicate"
    else:
        why = None
        kept.append(i)
        seen.add(key(conv))
    print(i, why or "kept")
print(len(kept))
