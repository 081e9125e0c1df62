"""Afferent/efferent coupling and instability I = Ce / (Ca + Ce) per module for the import graph in the task; finds the cycle."""
deps = {
    "api": ["model", "features", "config"],
    "model": ["features", "config", "utils"],
    "features": ["utils", "config", "data"],
    "data": ["utils", "config"],
    "training": ["model", "features", "data", "config"],
    "evaluation": ["model", "data", "utils"],
    "monitoring": ["features", "utils", "config"],
    "utils": ["config", "features"],
    "config": [],
}
ca = {m: sum(m in d for d in deps.values()) for m in deps}
for m, d in deps.items():
    ce = len(d)
    print(f"{m:10s} Ca={ca[m]} Ce={ce} I={ce/(ca[m]+ce) if ca[m]+ce else 0:.3f}")


def cycles():
    out = []
    def walk(path):
        for n in deps[path[-1]]:
            if n == path[0]:
                out.append(path + [n])
            elif n not in path and n > path[0]:
                walk(path + [n])
    for m in sorted(deps):
        walk([m])
    return out


print("cycles:", cycles())
ce = len(deps["features"])
print(round(ce / (ca["features"] + ce), 3))
