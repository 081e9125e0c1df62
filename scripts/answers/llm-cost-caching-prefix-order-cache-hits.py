"""Cached input tokens when a per-request timestamp sits before or after the static prefix (challenge llm-cost-caching-prefix-order-cache-hits)."""
STAMP, SYSTEM, TOOLS, N = 20, 3_000, 1_000, 50
MIN_PROMPT, INCREMENT = 1_024, 128
question = [100 + (i * 37) % 100 for i in range(N)]

def cached(prev, cur):
    """Tokens served from cache: the common prefix with the previous prompt, in whole increments."""
    if prev is None or len(cur) < MIN_PROMPT:
        return 0
    common = 0
    for a, b in zip(prev, cur):
        if a != b:
            break
        common += 1
    return common // INCREMENT * INCREMENT

def prompt(i, stamp_first):
    stamp = [("stamp", i, k) for k in range(STAMP)]
    static = [("sys", k) for k in range(SYSTEM)] + [("tool", k) for k in range(TOOLS)]
    q = [("q", i, k) for k in range(question[i])]
    return stamp + static + q if stamp_first else static + stamp + q

for stamp_first in (True, False):
    prompts = [prompt(i, stamp_first) for i in range(N)]
    hits = sum(cached(prompts[i - 1] if i else None, prompts[i]) for i in range(N))
    total = sum(len(p) for p in prompts)
    print(f"timestamp first={stamp_first}: {hits} cached of {total} input tokens ({hits / total:.1%})")
print(hits)
