"""Position consistency of a pairwise judge run in both orders (verdicts from the task); prints the consistency rate last."""
x_first = "1 1 2 1 1 1 2 1 1 1 1 2".split()
y_first = "1 1 1 1 2 1 1 1 1 2 1 1".split()
consistent, wins = 0, {"X": 0, "Y": 0}
for a, b in zip(x_first, y_first):
    winner_a = "X" if a == "1" else "Y"  # X was shown first
    winner_b = "Y" if b == "1" else "X"  # Y was shown first
    if winner_a == winner_b:
        consistent += 1
        wins[winner_a] += 1
slot1 = (x_first + y_first).count("1") / 24
print("consistent", consistent, "of 12; wins among consistent", wins, "slot-1 share", round(slot1, 4))
print(round(consistent / 12, 4))
