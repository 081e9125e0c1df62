"""Greedy non-maximum suppression at IoU threshold 0.5 on the six boxes of the task (x1, y1, x2, y2, score)."""
import numpy as np

boxes = np.array([[10, 10, 60, 60], [12, 14, 62, 58], [50, 50, 100, 100], [55, 48, 105, 98], [200, 200, 240, 260],
                  [15, 8, 58, 66]], float)
scores = np.array([0.90, 0.85, 0.80, 0.95, 0.60, 0.70])


def iou(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])
    return inter / (area(a) + area(b) - inter)


order = list(np.argsort(-scores))
keep = []
while order:
    i = order.pop(0)
    keep.append(int(i))
    order = [j for j in order if iou(boxes[i], boxes[j]) <= 0.5]
print("IoU(0, 1):", iou(boxes[0], boxes[1]), "IoU(0, 5):", iou(boxes[0], boxes[5]), "IoU(2, 3):", iou(boxes[2], boxes[3]))
print("IoU(0, 2):", iou(boxes[0], boxes[2]))
print("kept (0-based):", keep)
print(round(iou(boxes[0], boxes[1]), 4))
