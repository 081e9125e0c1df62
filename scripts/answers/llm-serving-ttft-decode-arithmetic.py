"""Time to first token and end-to-end latency from prefill FLOPs and decode bandwidth (challenge llm-serving-ttft-decode-arithmetic)."""
PARAMS, BYTES_PER_PARAM = 8e9, 2
PROMPT, OUTPUT = 2000, 300
FLOPS = 400e12 * 0.40            # peak bf16 at 40% utilisation
BANDWIDTH = 2.0e12               # bytes per second actually achieved
prefill = 2 * PARAMS * PROMPT / FLOPS          # also yields the first output token
per_token = PARAMS * BYTES_PER_PARAM / BANDWIDTH
total = prefill + (OUTPUT - 1) * per_token
print(f"TTFT {prefill * 1000:.1f} ms, {per_token * 1000:.1f} ms per later token, {1 / per_token:.0f} tokens/s")
print(round(total, 3))
