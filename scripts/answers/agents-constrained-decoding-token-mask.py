"""Token masks for constrained decoding of an enum value (task): naive prefix rule vs tokens from which a valid
completion is still reachable with this vocabulary; prints the reachable count at the empty state last."""
from functools import lru_cache

TARGETS = ['kg"', 'g"', 'piece"']
VOCAB = ["k", "kg", 'kg"', "g", 'g"', '"', "p", "pi", "pie", "piece", 'piece"', 'ce"', "ec", "kgs"]


def is_prefix(s):
    return any(t.startswith(s) for t in TARGETS)


@lru_cache(maxsize=None)
def completable(s):
    if s in TARGETS:
        return True
    return any(is_prefix(s + t) and completable(s + t) for t in VOCAB)


naive = [t for t in VOCAB if is_prefix(t)]
reachable = [t for t in naive if completable(t)]
print("naive", len(naive), naive)
print("dead ends", sorted(set(naive) - set(reachable)))
print(len(reachable))
