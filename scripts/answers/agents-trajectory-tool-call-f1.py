"""Trajectory metrics for the five agent runs in the task against the reference tool calls: exact match, in-order
(reference is a subsequence of the run), and multiset precision/recall/F1; prints the mean F1 last."""
from collections import Counter

ref = ["lookup_order(1042)", "check_policy(refund)", "issue_refund(1042)"]
runs = [
    ["lookup_order(1042)", "check_policy(refund)", "issue_refund(1042)"],
    ["lookup_order(1042)", "issue_refund(1042)"],
    ["lookup_order(1042)", "lookup_order(1042)", "check_policy(refund)", "issue_refund(1042)"],
    ["search_faq(refund)", "lookup_order(1042)", "check_policy(refund)", "issue_refund(1042)"],
    ["check_policy(refund)", "lookup_order(1042)", "issue_refund(1024)"],
]


def subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


f1s = []
for i, run in enumerate(runs, 1):
    matched = sum((Counter(run) & Counter(ref)).values())
    p, r = matched / len(run), matched / len(ref)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    f1s.append(f1)
    print(i, "exact", run == ref, "in order", subsequence(ref, run), "P", round(p, 3), "R", round(r, 3), "F1", round(f1, 4))
print(round(sum(f1s) / len(f1s), 4))
