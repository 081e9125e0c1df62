"""Amdahl's law: speed-up on 8 workers when 80% of a job's time parallelises perfectly, checked by timing a simulated job."""
import time
from concurrent.futures import ThreadPoolExecutor

serial, parallel, workers = 0.2, 0.8, 8
formula = 1 / (serial + parallel / workers)

# Sleeping tasks stand in for perfectly parallel work: the serial part runs alone, the rest splits into 8 equal sleeps.
unit = 2.0
start = time.perf_counter()
time.sleep(serial * unit)
with ThreadPoolExecutor(workers) as pool:
    list(pool.map(time.sleep, [parallel * unit / workers] * workers))
measured = unit / (time.perf_counter() - start)
print("measured", round(measured, 2), "limit with infinite workers", 1 / serial)
print(round(formula, 3))
