"""Outlier masking: |z| > 3 (population std) versus the MAD-based modified z-score > 3.5 on the task's 35 values."""
import numpy as np

x = np.array(list(range(20, 50)) + [150, 160, 170, 180, 190], dtype=float)
planted = x >= 150
z = (x - x.mean()) / x.std(ddof=0)
med = np.median(x)
mad = np.median(np.abs(x - med))
mz = 0.6745 * (x - med) / mad
q1, q3 = np.percentile(x, [25, 75])
iqr_flag = (x < q1 - 1.5 * (q3 - q1)) | (x > q3 + 1.5 * (q3 - q1))
print("mean", x.mean(), "std", x.std(ddof=0), "max |z|", np.abs(z).max())
print("z flags", int((np.abs(z) > 3).sum()), "modified-z flags", int((np.abs(mz) > 3.5).sum()),
      "iqr flags", int(iqr_flag.sum()))
print(int((planted & ~(np.abs(z) > 3)).sum()))
