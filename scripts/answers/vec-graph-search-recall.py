"""Single-layer navigable graph (HNSW's base layer without the hierarchy): exact 10-NN graph made undirected,
greedy beam search (HNSW paper, Algorithm 2) from node 0, recall@10 vs exact search by ef. NumPy and heapq only."""
import heapq
import numpy as np

rng = np.random.default_rng(0)
db = rng.normal(size=(2000, 16))
queries = rng.normal(size=(50, 16))
M = 10
sq = (db ** 2).sum(1)
D = sq[:, None] + sq[None, :] - 2 * db @ db.T
np.fill_diagonal(D, np.inf)
knn = np.argsort(D, axis=1)[:, :M]
nbrs = [set() for _ in range(len(db))]
for i, row in enumerate(knn):
    for j in row:
        nbrs[i].add(int(j)); nbrs[int(j)].add(i)


def search(q, ef, entry=0):
    dist = lambda i: float(((db[i] - q) ** 2).sum())
    d0 = dist(entry)
    visited = {entry}
    cand = [(d0, entry)]          # min-heap of candidates to expand
    found = [(-d0, entry)]        # max-heap (negated) of the ef best so far
    while cand:
        d, c = heapq.heappop(cand)
        if d > -found[0][0]:
            break
        for e in nbrs[c]:
            if e in visited:
                continue
            visited.add(e)
            de = dist(e)
            if len(found) < ef or de < -found[0][0]:
                heapq.heappush(cand, (de, e))
                heapq.heappush(found, (-de, e))
                if len(found) > ef:
                    heapq.heappop(found)
    best = sorted((-d, i) for d, i in found)[:10]
    return [i for _, i in best], len(visited)


exact = np.argsort(((queries[:, None, :] - db[None]) ** 2).sum(-1), axis=1)[:, :10]
res = {}
for ef in (10, 20, 50, 100):
    out = [search(q, ef) for q in queries]
    res[ef] = float(np.mean([len(set(r) & set(e)) / 10 for (r, _), e in zip(out, exact)]))
    print(f"ef {ef:3d} recall@10 {res[ef]:.3f}  distance computations {np.mean([v for _, v in out]):.0f}")
print(round(res[20], 3))
