"""Item-based CF: predict Dana's rating of item E from the items she rated, weighted by item-item cosine similarity."""
import numpy as np

# rows: Ann, Ben, Cal, Dana; columns: items A..E; 0 = not rated
R = np.array([
    [5, 3, 0, 1, 4],
    [4, 0, 0, 1, 5],
    [1, 1, 0, 5, 2],
    [1, 0, 4, 4, 0],
    [0, 1, 5, 4, 1],
], dtype=float)
users = ["Ann", "Ben", "Cal", "Dana", "Eve"]
target_user, target_item = 3, 4


def cos(i, j):
    a, b = R[:, i], R[:, j]
    both = (a > 0) & (b > 0)  # cosine over the users who rated both items
    if not both.any():
        return 0.0
    return float(a[both] @ b[both] / (np.linalg.norm(a[both]) * np.linalg.norm(b[both])))


rated = [j for j in range(5) if R[target_user, j] > 0 and j != target_item]
sims = {j: cos(target_item, j) for j in rated}
for j, s in sims.items():
    print("sim(E,", "ABCDE"[j], ")", round(s, 4), "Dana rated", R[target_user, j])
pred = sum(sims[j] * R[target_user, j] for j in rated) / sum(abs(sims[j]) for j in rated)
print(round(pred, 3))
