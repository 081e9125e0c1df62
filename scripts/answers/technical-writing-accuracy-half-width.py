"""Half-width of the 95% normal-approximation interval for an accuracy of 0.873 on 400 test examples, and Wilson's."""
import math

p, n, z = 0.873, 400, 1.96
wald = z * math.sqrt(p * (1 - p) / n)
centre = (p + z * z / (2 * n)) / (1 + z * z / n)
wilson = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
print("Wilson centre", round(centre, 4), "half-width", round(wilson, 4))
print(round(wald, 4))
