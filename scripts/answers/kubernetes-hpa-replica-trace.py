"""Replica count over time under the HPA formula (challenge kubernetes-hpa-replica-trace)."""
import math

demand = [360, 720, 900, 900, 600, 300, 150, 150, 150, 150, 150, 150]  # total CPU millicores used, one reading per minute
request_m, target, tol, lo, hi = 200, 0.50, 0.10, 1, 6
replicas, recs, log = 2, [], []
for minute, d in enumerate(demand):
    util = d / (replicas * request_m)
    ratio = util / target
    raw = replicas if abs(ratio - 1) <= tol else math.ceil(replicas * ratio)
    raw = max(lo, min(hi, raw))
    recs.append(raw)
    if raw >= replicas:
        replicas = raw
    else:
        replicas = min(replicas, max(recs[-5:]))  # scale-down: highest recommendation of the last 5 readings
    log.append((minute, round(util, 3), raw, replicas))
for row in log:
    print(row)
print(f"final replicas {replicas}")
print(next(m for m, _, _, r in log if m > 1 and r < 6))
