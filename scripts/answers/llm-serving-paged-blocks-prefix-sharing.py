"""KV blocks for parallel sampling with and without prefix sharing (challenge llm-serving-paged-blocks-prefix-sharing)."""
import math

BLOCK, PROMPT, OUTPUT, N = 16, 600, 200, 4
per_seq = math.ceil((PROMPT + OUTPUT) / BLOCK)
unshared = N * per_seq
full_prompt_blocks = PROMPT // BLOCK           # shared by all four sequences
own_tokens = PROMPT + OUTPUT - full_prompt_blocks * BLOCK   # partial prompt block (copied on write) + output
shared = full_prompt_blocks + N * math.ceil(own_tokens / BLOCK)
print(f"without sharing {unshared} blocks, with sharing {shared}, saved {unshared - shared}")
print(f"empty slots in last blocks without sharing: {N * (per_seq * BLOCK - PROMPT - OUTPUT)}")
print(shared)
