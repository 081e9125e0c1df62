"""Static versus continuous batching of 200 queued requests on 16 slots (challenge llm-serving-static-vs-continuous-batching)."""
STEP_MS, SLOTS = 25, 16
lengths = [20 + (i * 37) % 200 for i in range(200)]
tokens = sum(lengths)

# Static: consecutive groups of 16; a group holds its slots until its longest request ends.
t, done_static = 0, []
for g in range(0, len(lengths), SLOTS):
    group = lengths[g:g + SLOTS]
    done_static += [t + L * STEP_MS for L in group]
    t += max(group) * STEP_MS
static_time = t

# Continuous: a freed slot takes the next queued request at the next step.
free_at = [0] * SLOTS            # step index at which each slot is free
done_cont = []
for L in lengths:
    s = min(range(SLOTS), key=lambda k: free_at[k])
    free_at[s] += L
    done_cont.append(free_at[s] * STEP_MS)
cont_time = max(free_at) * STEP_MS

thr_s, thr_c = tokens / (static_time / 1000), tokens / (cont_time / 1000)
print(f"tokens {tokens}; static {static_time / 1000:.2f} s, {thr_s:.1f} tok/s, mean completion {sum(done_static) / 200 / 1000:.2f} s")
print(f"continuous {cont_time / 1000:.2f} s, {thr_c:.1f} tok/s, mean completion {sum(done_cont) / 200 / 1000:.2f} s")
print(round(thr_c / thr_s, 3))
