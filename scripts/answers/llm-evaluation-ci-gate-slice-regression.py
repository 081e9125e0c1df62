"""Which slice blocks the merge under the gate in the task (overall drop > 1 point, or a slice of >= 40 cases drops > 5 points)."""
baseline = {"billing": (72, 90), "shipping": (48, 60), "returns": (84, 120), "warranty": (24, 30)}
candidate = {"billing": (78, 90), "shipping": (44, 60), "returns": (90, 120), "warranty": (21, 30)}
rate = lambda d: sum(p for p, _ in d.values()) / sum(n for _, n in d.values())
print("overall", round(rate(baseline), 4), "->", round(rate(candidate), 4))
blocking = []
for s, (p, n) in baseline.items():
    drop = 100 * (p / n - candidate[s][0] / n)
    print(s, n, "drop in points", round(drop, 2))
    if n >= 40 and drop > 5:
        blocking.append(s)
print(" ".join(blocking))
