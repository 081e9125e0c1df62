"""Shortest wall-clock time of a DAG with unlimited workers (challenge orchestration-dag-critical-path)."""
from graphlib import TopologicalSorter

dur = {"extract": 5, "validate": 3, "features_users": 8, "features_items": 6, "train": 12, "evaluate": 4, "report": 2, "publish": 1}
deps = {"validate": {"extract"}, "features_users": {"validate"}, "features_items": {"validate"}, "train": {"features_users", "features_items"},
        "evaluate": {"train"}, "report": {"validate"}, "publish": {"evaluate", "report"}}
finish = {}
for t in TopologicalSorter(deps).static_order():
    finish[t] = max((finish[d] for d in deps.get(t, ())), default=0) + dur[t]
print("sum of durations", sum(dur.values()))
print(max(finish.values()))
