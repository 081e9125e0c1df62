"""Min-max scale the task's six values in place and take their mean (the Rust program's expected output)."""
xs = [3.0, 7.0, 1.0, 9.0, 5.0, 6.0]
lo, hi = min(xs), max(xs)
scaled = [(x - lo) / (hi - lo) for x in xs]
print(scaled)
print(round(sum(scaled) / len(scaled), 4))
