"""Recall@3, hit rate@3 and MRR@5 for the six retrieval results in the task; prints MRR last."""
runs = {
    "q1": (["c4", "c9", "c1", "c7", "c2"], {"c1"}),
    "q2": (["c3", "c5", "c8", "c6", "c2"], {"c3", "c6"}),
    "q3": (["c7", "c2", "c9", "c4", "c5"], {"c8"}),
    "q4": (["c6", "c1", "c3", "c2", "c9"], {"c2", "c4", "c9"}),
    "q5": (["c2", "c8", "c4", "c1", "c3"], {"c8"}),
    "q6": (["c5", "c4", "c7", "c3", "c1"], {"c4", "c5"}),
}
recall, hits, rr = [], [], []
for q, (ranked, relevant) in runs.items():
    found = len(set(ranked[:3]) & relevant)
    recall.append(found / len(relevant))
    hits.append(1.0 if found else 0.0)
    first = next((i + 1 for i, c in enumerate(ranked[:5]) if c in relevant), None)
    rr.append(1 / first if first else 0.0)
    print(q, "recall@3", round(recall[-1], 3), "rr", round(rr[-1], 3))
n = len(runs)
print("mean recall@3", round(sum(recall) / n, 4), "hit rate@3", round(sum(hits) / n, 4))
print(round(sum(rr) / n, 4))
