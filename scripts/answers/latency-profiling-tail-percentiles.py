import numpy as np
rng = np.random.default_rng(0)
lat = rng.lognormal(mean=np.log(20.0), sigma=0.3, size=10_000)   # milliseconds
stall = rng.random(10_000) < 0.02                                 # 2% of requests hit a 150 ms pause
lat = lat + stall * 150.0
print("mean", lat.mean(), "p50", np.percentile(lat, 50), "p95", np.percentile(lat, 95))
print(round(float(np.percentile(lat, 99)), 1))
