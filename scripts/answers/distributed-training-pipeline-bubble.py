"""Pipeline bubble fraction and the micro-batches needed to keep it under 5% (challenge distributed-training-pipeline-bubble)."""
P = 8
def bubble(m, p=P):
    return (p - 1) / (m + p - 1)
print(f"m=8: {bubble(8):.4f}, m=32: {bubble(32):.4f}")
m = 1
while bubble(m) >= 0.05:
    m += 1
print(m)
