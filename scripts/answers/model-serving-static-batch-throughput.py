"""Best throughput under a batch latency budget (challenge model-serving-static-batch-throughput)."""
budget_ms = 25.0
best = max(b for b in range(1, 1000) if 8 + 0.5 * b <= budget_ms)
tput = best / ((8 + 0.5 * best) / 1000)
print(f"batch {best}; batch of 1 gives {1 / 0.0085:.1f} req/s")
print(round(tput, 1))
