a = {"easy": (81, 87), "hard": (192, 263)}
b = {"easy": (234, 270), "hard": (55, 80)}
for name, m in (("A", a), ("B", b)):
    print(name, {k: round(c / n, 3) for k, (c, n) in m.items()}, "overall", sum(c for c, _ in m.values()) / sum(n for _, n in m.values()))
acc = lambda m: sum(c for c, _ in m.values()) / sum(n for _, n in m.values())
print(round(acc(b) - acc(a), 3))
