from itertools import permutations
x = {"a": 3.0, "b": 1.0, "c": 2.0}
base = {"a": 0.0, "b": 0.0, "c": 0.0}
def f(v): return max(v["a"], 2 * v["b"]) + v["a"] * v["c"]
def value(S):
    v = {k: (x[k] if k in S else base[k]) for k in x}
    return f(v)
phi = {k: 0.0 for k in x}
perms = list(permutations(x))
for p in perms:
    S = set()
    for k in p:
        before = value(S); S.add(k); phi[k] += (value(S) - before) / len(perms)
print(phi, "sum", sum(phi.values()), "f(x)-f(base)", value(set(x)) - value(set()))
print(round(phi["a"], 4))
