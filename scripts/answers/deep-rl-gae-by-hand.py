rewards = [1.0, 0.0, 0.0, 1.0]
values = [0.5, 0.4, 0.6, 0.3]
last_value, gamma, lam = 0.2, 0.99, 0.95   # rollout cut off (not terminal): bootstrap from V = 0.2
adv = [0.0] * 4; gae = 0.0
for t in reversed(range(4)):
    next_v = values[t + 1] if t + 1 < 4 else last_value
    delta = rewards[t] + gamma * next_v - values[t]
    gae = delta + gamma * lam * gae
    adv[t] = gae
print("advantages", adv, "returns", [a + v for a, v in zip(adv, values)])
print(round(adv[0], 4))
