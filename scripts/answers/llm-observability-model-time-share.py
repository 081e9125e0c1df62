"""Share of an agent trace's root duration during which at least one `chat` span is open (union of intervals),
spans from the task; prints the share last."""
root = (0, 4200)
spans = [
    ("chat", 100, 1300), ("execute_tool", 1300, 2100), ("execute_tool", 1300, 1700), ("chat", 2100, 3000),
    ("chat", 2150, 2600), ("execute_tool", 3000, 3400), ("chat", 3400, 4100),
]
chat = sorted((s, e) for name, s, e in spans if name == "chat")
covered, cur_s, cur_e = 0, None, None
for s, e in chat:
    if cur_e is None or s > cur_e:
        if cur_e is not None:
            covered += cur_e - cur_s
        cur_s, cur_e = s, e
    else:
        cur_e = max(cur_e, e)
covered += cur_e - cur_s
naive = sum(e - s for s, e in chat)
print("union ms", covered, "naive sum ms", naive, "naive share", round(naive / (root[1] - root[0]), 4))
print(round(covered / (root[1] - root[0]), 4))
