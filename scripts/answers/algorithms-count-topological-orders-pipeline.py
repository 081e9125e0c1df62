"""Count the valid run orders (topological orderings) of the task's 8-step pipeline DAG by DP over subsets."""
from functools import lru_cache

EDGES = [("ingest", "validate"), ("ingest", "docs"), ("validate", "features"), ("validate", "stats"),
         ("features", "train"), ("stats", "report"), ("train", "report"), ("features", "export")]
nodes = sorted({n for e in EDGES for n in e})
idx = {n: i for i, n in enumerate(nodes)}
preds = [0] * len(nodes)
for a, b in EDGES:
    preds[idx[b]] |= 1 << idx[a]
FULL = (1 << len(nodes)) - 1


@lru_cache(maxsize=None)
def ways(done: int) -> int:
    if done == FULL:
        return 1
    return sum(ways(done | 1 << i) for i in range(len(nodes))
               if not done >> i & 1 and preds[i] & done == preds[i])


print("nodes", nodes)
print(ways(0))
