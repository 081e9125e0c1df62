"""Time to first token under continuous batching with arrivals, prefill and a step-cost model (challenge llm-serving-continuous-batching-arrivals)."""
import statistics

N, SLOTS = 300, 32
arrive = [150 * i for i in range(N)]                  # ms
prompt = [100 + (i * 71) % 900 for i in range(N)]
output = [50 + (i * 53) % 250 for i in range(N)]

def simulate(slots):
    t, nxt = 0.0, 0
    running = {}                                      # request -> tokens still to generate
    first, done = [None] * N, [None] * N
    while nxt < N or running:
        if not running and arrive[nxt] > t:
            t = float(arrive[nxt])
        admitted = []
        while nxt < N and arrive[nxt] <= t and len(running) + len(admitted) < slots:
            admitted.append(nxt)
            nxt += 1
        decoding = list(running)
        t += 8 + 0.05 * sum(prompt[r] for r in admitted) + 0.3 * len(decoding)
        for r in decoding:
            running[r] -= 1
            if running[r] == 0:
                del running[r]
                done[r] = t
        for r in admitted:                            # the prefill step yields the first token
            first[r] = t
            if output[r] == 1:
                done[r] = t
            else:
                running[r] = output[r] - 1
    ttft = [f - a for f, a in zip(first, arrive)]
    e2e = [d - a for d, a in zip(done, arrive)]
    return ttft, e2e

for s in (8, 16, 32):
    ttft, e2e = simulate(s)
    print(f"slots {s}: mean TTFT {statistics.mean(ttft):.1f} ms, p95 TTFT {sorted(ttft)[int(0.95 * N) - 1]:.1f} ms, mean latency {statistics.mean(e2e) / 1000:.2f} s")
ttft, _ = simulate(SLOTS)
print(round(statistics.mean(ttft), 1))
