"""Late events dropped by a watermark (challenge feature-pipelines-watermark-late-events)."""
import numpy as np

rng = np.random.default_rng(1)
event_time = np.sort(rng.uniform(0, 3600, 5000))
delay = rng.exponential(30, 5000)
arrival = event_time + delay
order = np.argsort(arrival, kind="stable")
allowed = 120.0
max_seen = -np.inf
dropped = 0
for i in order:
    if event_time[i] < max_seen - allowed:
        dropped += 1
    max_seen = max(max_seen, event_time[i])
print(f"dropped {dropped} of 5000 ({dropped/50:.2f}%)")
print(dropped)
