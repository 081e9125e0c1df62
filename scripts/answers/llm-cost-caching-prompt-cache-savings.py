"""Saving from prompt caching over a 20-request session with a long shared system prompt (challenge llm-cost-caching-prompt-cache-savings)."""
SYSTEM, USER, OUT, N = 8_000, 400, 300, 20
BASE_IN, OUT_PRICE = 3 / 1e6, 15 / 1e6
WRITE, READ = 1.25, 0.10                       # multipliers on the base input price
plain = N * ((SYSTEM + USER) * BASE_IN + OUT * OUT_PRICE)
first = SYSTEM * BASE_IN * WRITE + USER * BASE_IN + OUT * OUT_PRICE
later = SYSTEM * BASE_IN * READ + USER * BASE_IN + OUT * OUT_PRICE
cached = first + (N - 1) * later
for n in range(1, 4):
    print(f"{n} requests: plain ${n * ((SYSTEM + USER) * BASE_IN + OUT * OUT_PRICE):.4f}, cached ${first + (n - 1) * later:.4f}")
print(f"session: plain ${plain:.4f}, cached ${cached:.4f}")
print(round(100 * (1 - cached / plain), 2))
