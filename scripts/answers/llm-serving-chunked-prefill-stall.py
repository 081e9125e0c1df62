"""Decode stalls and time to first token with and without chunked prefill (challenge llm-serving-chunked-prefill-stall)."""
import math

def step_ms(tokens):
    return 4 + 0.06 * tokens

DECODE, PROMPT, BUDGET = 16, 6000, 512
whole = step_ms(PROMPT + DECODE)                   # one step prefills the whole prompt
chunk = BUDGET - DECODE                            # prefill tokens per chunked step
steps = math.ceil(PROMPT / chunk)
ttft = sum(step_ms(DECODE + min(chunk, PROMPT - k * chunk)) for k in range(steps))
print(f"unchunked: decode gap {whole:.2f} ms, TTFT {whole:.2f} ms")
print(f"chunked: {steps} steps, longest decode gap {step_ms(BUDGET):.2f} ms (plain decode step {step_ms(DECODE):.2f} ms)")
print(round(ttft, 2))
