"""Success probability of a 10-step tool-using agent, each attempt succeeding with p = 0.8, with up to 2 retries per step."""
import numpy as np

p, steps, attempts = 0.8, 10, 3
no_retry = p ** steps
step_ok = 1 - (1 - p) ** attempts
closed = step_ok ** steps
rng = np.random.default_rng(0)
ok = (rng.random((100_000, steps, attempts)) < p).any(axis=2).all(axis=1).mean()
print(f"no retries {no_retry:.4f}  with retries closed form {closed:.4f}  simulated {ok:.4f}")
# expected model calls per task, stopping at the first step that exhausts its retries
q = 1 - p
e_step = 1 + q + q ** 2
e_calls = sum(step_ok ** k * e_step for k in range(steps))
print(f"expected calls per task {e_calls:.3f}")
print(round(closed, 4))
