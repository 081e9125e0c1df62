base, a, b = 0.90, 0.92, 0.94
shown = ((b - base) - (a - base)) / (a - base)   # change in bar length, relative
actual = (b - a) / a
print("shown", shown, "actual", actual)
print(round(shown / actual, 1))
