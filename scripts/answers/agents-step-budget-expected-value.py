"""Expected value per run of an agent step budget B: a finished task is worth 1.00, each step costs 0.05, a run stops
when it finishes or after B steps (pmf of steps needed from the task, 27% never finish); prints the best EV last."""
pmf = {1: 0.05, 2: 0.20, 3: 0.20, 4: 0.10, 5: 0.06, 6: 0.04, 7: 0.03, 8: 0.02, 9: 0.02, 10: 0.01}
never = 1 - sum(pmf.values())
value, cost = 1.00, 0.05


def ev(b):
    p_done = sum(p for k, p in pmf.items() if k <= b)
    steps = sum(p * min(k, b) for k, p in pmf.items()) + never * b
    return value * p_done - cost * steps


best = max(range(1, 16), key=ev)
for b in range(1, 13):
    print(b, round(ev(b), 4))
print("never finish", round(never, 2), "best budget", best)
print(round(ev(best), 4))
