"""Back-of-envelope sizing for a home-feed ranker (challenge ml-system-design-feed-ranker-sizing)."""
import math

dau = 5_000_000
loads_per_user = 12
peak_factor = 3
candidates = 200
core_rate = 20_000  # candidates per second per core
max_util = 0.6
users, items, dim = 5_000_000, 2_000_000, 256

avg_rps = dau * loads_per_user / 86_400
peak_rps = peak_factor * avg_rps
cores = math.ceil(peak_rps * candidates / core_rate / max_util)
gb32 = (users + items) * dim * 4 / 1e9
gb16 = gb32 / 2
print(f"average rps {avg_rps:.1f}, peak rps {peak_rps:.1f}")
print(f"embedding memory float32 {gb32:.2f} GB, float16 {gb16:.2f} GB")
print(cores)
