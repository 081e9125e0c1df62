"""Deterministic queue: 400 requests every 4 ms, 40 ms service, 8 slots, FIFO. Mean latency including waiting."""
import heapq


def mean_latency(n, gap_ms, service_ms, slots):
    free = [0.0] * slots
    lat = []
    for i in range(n):
        arrival = i * gap_ms
        start = max(arrival, heapq.heappop(free))
        finish = start + service_ms
        heapq.heappush(free, finish)
        lat.append(finish - arrival)
    return sum(lat) / n, max(lat)


for gap in (5, 4):
    m, mx = mean_latency(400, gap, 40, 8)
    print(f"gap {gap} ms: mean latency {m:.2f} ms, max {mx:.1f} ms")
print(round(mean_latency(400, 4, 40, 8)[0], 1))
