"""Makespan of a DAG on two workers with longest-task-first (challenge orchestration-two-worker-makespan)."""
dur = {"extract": 5, "validate": 3, "features_users": 8, "features_sessions": 7, "features_items": 6, "report": 2,
       "train": 12, "evaluate": 4, "publish": 1}
deps = {"validate": {"extract"}, "features_users": {"validate"}, "features_sessions": {"validate"}, "features_items": {"validate"},
        "report": {"validate"}, "train": {"features_users", "features_sessions", "features_items"}, "evaluate": {"train"},
        "publish": {"evaluate", "report"}}

def makespan(workers):
    t, done, running, free = 0, {}, {}, workers
    while len(done) < len(dur):
        ready = sorted((n for n in dur if n not in done and n not in running and deps.get(n, set()) <= done.keys()),
                       key=lambda n: (-dur[n], n))
        while free and ready:
            n = ready.pop(0); running[n] = t + dur[n]; free -= 1
        t = min(running.values())
        for n in [n for n, e in running.items() if e == t]:
            done[n] = t; del running[n]; free += 1
    return t

print({w: makespan(w) for w in (1, 2, 3, 4)})
print(makespan(2))
