"""Reciprocal rank fusion (k = 60, ranks from 1) of the BM25 and dense rankings given in the task."""
bm25 = ["d3", "d1", "d7", "d9", "d2"]
dense = ["d2", "d1", "d5", "d3", "d8"]
scores = {}
for ranking in (bm25, dense):
    for r, d in enumerate(ranking, start=1):
        scores[d] = scores.get(d, 0) + 1 / (60 + r)
fused = sorted(scores, key=lambda d: -scores[d])
print([(d, round(scores[d], 5)) for d in fused])
print(fused[0])
