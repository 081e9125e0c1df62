"""Traces stored per day under a tail-sampling policy: keep all error traces, all slow traces and 5% of the rest
(2,000,000 traces a day, 1.5% errors, 4% slow, independent); prints the stored count last."""
n, err, slow, rest_rate = 2_000_000, 0.015, 0.04, 0.05
plain = (1 - err) * (1 - slow)
kept = n * (1 - plain) + rest_rate * n * plain
print("always kept", round(n * (1 - plain)), "sampled from the rest", round(rest_rate * n * plain))
print("head sampling at 10%: stored", n // 10, "error traces kept", round(0.1 * n * err), "of", round(n * err))
print(round(kept))
