rewards, gamma = [0, 0, 1, 0, 5], 0.9
G = 0.0
returns = []
for r in reversed(rewards):
    G = r + gamma * G
    returns.append(G)
print("returns from each step", list(reversed(returns)))
print(round(G, 4))
