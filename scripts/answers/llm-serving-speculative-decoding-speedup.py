"""Expected speed-up of speculative decoding over draft lengths 1..10 (challenge llm-serving-speculative-decoding-speedup)."""
import random

ALPHA, C = 0.8, 0.05
def tokens_per_iteration(a, g):
    return (1 - a ** (g + 1)) / (1 - a)
speedups = {g: tokens_per_iteration(ALPHA, g) / (g * C + 1) for g in range(1, 11)}
for g, s in speedups.items():
    print(f"gamma {g}: {tokens_per_iteration(ALPHA, g):.3f} tokens per target pass, speed-up {s:.3f}")

# Monte Carlo check of tokens per iteration for gamma 4: accepted drafts plus the one token the target adds.
rng = random.Random(0)
runs, total = 200_000, 0
for _ in range(runs):
    k = 0
    while k < 4 and rng.random() < ALPHA:
        k += 1
    total += k + 1
print(f"simulated gamma 4: {total / runs:.3f}")
best = max(speedups, key=speedups.get)
print(f"best gamma {best}")
print(round(speedups[best], 3))
