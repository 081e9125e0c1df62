"""pass^k as tau-bench defines it: per task C(c, k) / C(n, k) for c successes in n trials, averaged over tasks
(n = 8, successes from the task); prints pass^1, pass^2, pass^8 and then pass^4 last."""
from math import comb

n, successes = 8, [8, 7, 6, 8, 3, 5]


def pass_hat(k):
    return sum(comb(c, k) / comb(n, k) for c in successes) / len(successes)


for k in (1, 2, 8):
    print("pass^%d" % k, round(pass_hat(k), 4))
print(round(pass_hat(4), 4))
