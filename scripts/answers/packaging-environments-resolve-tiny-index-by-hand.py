"""Brute-force the task's tiny package index: every consistent (libA, libB, libC), preferring the newest libA, then libB, then libC."""
from itertools import product

from packaging.specifiers import SpecifierSet
from packaging.version import Version

INDEX = {
    "libA": {"2.0": {"libC": ">=2"}, "1.5": {"libC": "<2"}, "1.0": {}},
    "libB": {"3.0": {}, "2.5": {"libC": "<2"}, "2.0": {"libC": "<3"}},
    "libC": {"2.5": {}, "2.0": {}, "1.9": {}, "1.0": {}},
}
APP = {"libA": ">=1.0", "libB": "<3"}


def consistent(pick):
    reqs = [APP] + [INDEX[p][v] for p, v in pick.items()]
    return all(Version(pick[name]) in SpecifierSet(spec) for r in reqs for name, spec in r.items())


solutions = []
for a, b, c in product(INDEX["libA"], INDEX["libB"], INDEX["libC"]):
    pick = {"libA": a, "libB": b, "libC": c}
    if consistent(pick):
        solutions.append(pick)
for s in solutions:
    print(s)
best = max(solutions, key=lambda s: (Version(s["libA"]), Version(s["libB"]), Version(s["libC"])))
print("chosen", best)
print(best["libB"])
