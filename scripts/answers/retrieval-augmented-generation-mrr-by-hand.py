"""Recall@3 and MRR for five queries, given the rank of each query's single relevant passage (None = not retrieved in top 10)."""
ranks = [1, 3, None, 2, 6]
mrr = sum(1 / r for r in ranks if r) / len(ranks)
recall3 = sum(1 for r in ranks if r and r <= 3) / len(ranks)
print("recall@3:", recall3, "MRR:", mrr)
print(round(mrr, 4))
