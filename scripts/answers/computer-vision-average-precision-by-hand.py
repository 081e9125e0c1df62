"""All-point-interpolated average precision for ten ranked detections (TP/FP given in the task) and 6 ground-truth objects."""
import numpy as np

tp = np.array([1, 1, 0, 1, 0, 1, 0, 0, 1, 0])  # sorted by descending confidence
n_gt = 6
ctp, cfp = np.cumsum(tp), np.cumsum(1 - tp)
recall, precision = ctp / n_gt, ctp / (ctp + cfp)
# precision envelope: max precision at any recall >= r
mrec = np.r_[0, recall, 1]
mpre = np.r_[0, precision, 0]
for i in range(len(mpre) - 2, -1, -1):
    mpre[i] = max(mpre[i], mpre[i + 1])
idx = np.flatnonzero(mrec[1:] != mrec[:-1])
ap = np.sum((mrec[idx + 1] - mrec[idx]) * mpre[idx + 1])
print("precision:", precision.round(3), "recall:", recall.round(3))
print("AP:", ap)
print(round(ap, 4))
