"""Expected cost and accuracy of a two-model cascade with a scorer (challenge llm-cost-caching-cascade-expected-cost)."""
import numpy as np

P_SMALL, TPR, FPR, P_LARGE = 0.70, 0.80, 0.10, 0.90
SMALL, SCORER, LARGE = 0.001, 0.0002, 0.02            # dollars per query
accept = P_SMALL * TPR + (1 - P_SMALL) * FPR
cost = SMALL + SCORER + (1 - accept) * LARGE
acc = P_SMALL * TPR + (1 - accept) * P_LARGE          # escalated answers independent of the small model's
rng = np.random.default_rng(0)
n = 1_000_000
small_ok = rng.random(n) < P_SMALL
accepted = np.where(small_ok, rng.random(n) < TPR, rng.random(n) < FPR)
large_ok = rng.random(n) < P_LARGE
sim_acc = np.mean(np.where(accepted, small_ok, large_ok))
sim_cost = SMALL + SCORER + np.mean(~accepted) * LARGE
print(f"accept {accept:.3f}; accuracy {acc:.4f} (sim {sim_acc:.4f}); cost per 1,000 {1000 * cost:.3f} (sim {1000 * sim_cost:.3f}); large alone 20.000")
print(round(1000 * cost, 3))
