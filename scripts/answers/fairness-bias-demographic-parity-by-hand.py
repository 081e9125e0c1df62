# counts given in the task: group -> (applicants, approved)
groups = {"A": (400, 180), "B": (250, 70)}
rates = {g: approved / n for g, (n, approved) in groups.items()}
print(rates, "ratio", rates["B"] / rates["A"])
print(round(abs(rates["A"] - rates["B"]), 3))
