"""p95 from an explicit-bucket histogram by linear interpolation inside the bucket (as Prometheus's histogram_quantile
does); bounds and counts from the task; prints p95 in seconds last."""
bounds = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92]
counts = [0, 0, 0, 0, 0, 0, 0, 120, 410, 330, 110, 25, 5, 0, 0]  # len(bounds) + 1 buckets, the last one open
q = 0.95
rank = q * sum(counts)
cum = 0
for i, c in enumerate(counts):
    if cum + c >= rank:
        lo = 0.0 if i == 0 else bounds[i - 1]
        hi = bounds[i]
        p = lo + (hi - lo) * (rank - cum) / c
        break
    cum += c
print("bucket", (lo, hi), "rank", rank, "below", cum)
print(round(p, 3))
