"""Self-hosted cost per million output tokens and the utilisation that matches an API price (challenge llm-cost-caching-self-host-break-even)."""
GPU_PER_HOUR, TOKENS_PER_S, API_PER_M = 2.40, 1_800, 0.60
full = GPU_PER_HOUR / (TOKENS_PER_S * 3600 / 1e6)     # dollars per million tokens at 100% busy
for u in (1.0, 0.5, 0.25):
    print(f"utilisation {u:.0%}: ${full / u:.3f} per million tokens")
print(round(full / API_PER_M, 4))
