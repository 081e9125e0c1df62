"""Chained promotion gate (challenge model-registry-sequential-promotion-gate)."""
champion = ("v3", 0.842, 12.0)
challengers = [("v4", 0.848, 13.1), ("v5", 0.861, 15.2), ("v6", 0.855, 14.0), ("v7", 0.866, 16.5), ("v8", 0.874, 12.5)]
for name, f1, p95 in challengers:
    ok = f1 - champion[1] >= 0.01 - 1e-12 and p95 <= champion[2] * 1.2 + 1e-12
    print(name, "promoted" if ok else "rejected", f"gain {f1 - champion[1]:+.3f}, p95 limit {champion[2]*1.2:.2f}")
    if ok:
        champion = (name, f1, p95)
print(f"final p95 {champion[2]} vs original 12.0: {champion[2]/12.0 - 1:+.1%}")
print(int(champion[0][1:]))
