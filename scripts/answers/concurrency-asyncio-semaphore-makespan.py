"""Ten asyncio tasks with the task's sleep durations behind Semaphore(3): simulated and measured total time."""
import asyncio
import heapq
import time

DURATIONS = [0.4, 0.1, 0.3, 0.2, 0.5, 0.1, 0.2, 0.3, 0.1, 0.4]


def simulate(durations, slots):
    free = [0.0] * slots  # times at which each slot becomes free, FIFO start order
    end = 0.0
    for d in durations:
        start = heapq.heappop(free)
        heapq.heappush(free, start + d)
        end = max(end, start + d)
    return end


async def job(sem, d):
    async with sem:
        await asyncio.sleep(d)


async def main():
    sem = asyncio.Semaphore(3)
    t0 = time.perf_counter()
    await asyncio.gather(*(job(sem, d) for d in DURATIONS))
    return time.perf_counter() - t0


measured = asyncio.run(main())
print("simulated", round(simulate(DURATIONS, 3), 3), "measured", round(measured, 3),
      "sequential", round(sum(DURATIONS), 2), "unbounded", max(DURATIONS))
print(round(simulate(DURATIONS, 3), 2))
