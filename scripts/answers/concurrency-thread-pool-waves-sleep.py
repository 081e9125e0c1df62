"""12 tasks that each sleep 0.25 s on a ThreadPoolExecutor with 5 workers: measure the wall time."""
import time
from concurrent.futures import ThreadPoolExecutor


def task(i: int) -> int:
    time.sleep(0.25)
    return i


runs = []
for _ in range(3):
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=5) as pool:
        results = list(pool.map(task, range(12)))
    runs.append(time.perf_counter() - t0)
assert results == list(range(12))
print("runs", [round(r, 3) for r in runs], "sequential would be", 12 * 0.25)
print(round(sorted(runs)[1], 2))
