import math
k, eps, delta_prime = 100, 0.1, 1e-5
basic = k * eps
adv = math.sqrt(2 * k * math.log(1 / delta_prime)) * eps + k * eps * (math.exp(eps) - 1)
print("basic", basic, "advanced", adv)
print(round(adv, 2))
