"""The KL-regularised RLHF optimum pi*(y) = pi_ref(y) exp(r(y) / beta) / Z over three responses (numbers from the
task); prints pi* for beta = 2 and 0.05, then pi*(response 2) for beta = 0.5 last."""
import math


def optimum(ref, reward, beta):
    w = [p * math.exp(r / beta) for p, r in zip(ref, reward)]
    z = sum(w)
    return [x / z for x in w]


ref, reward = [0.5, 0.3, 0.2], [1.0, 2.0, 0.0]
for beta in (2.0, 0.05):
    print("beta", beta, [round(p, 4) for p in optimum(ref, reward, beta)])
print(round(optimum(ref, reward, 0.5)[1], 4))
