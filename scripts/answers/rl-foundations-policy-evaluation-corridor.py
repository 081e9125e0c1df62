import numpy as np
# states 0..6; 0 and 6 terminal. Step reward -1, +10 extra on entering state 6 (so that move pays +9). Random policy.
gamma = 0.9
V = np.zeros(7)
while True:
    delta = 0.0
    for s in range(1, 6):
        v = 0.0
        for s2 in (s - 1, s + 1):
            r = -1 + (10 if s2 == 6 else 0)
            v += 0.5 * (r + gamma * V[s2])
        delta = max(delta, abs(v - V[s])); V[s] = v
    if delta < 1e-12: break
print(np.round(V, 4))
print(round(V[3], 3))
