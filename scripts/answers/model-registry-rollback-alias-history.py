"""Alias rollback: naive 'previous entry' vs a stack (challenge model-registry-rollback-alias-history)."""
history = [1, 2, 4, 3, 5]

naive = list(history)
for _ in range(3):
    naive.append(naive[-2])  # move to the entry before the current one, recorded as a new change
stack = list(history)
for _ in range(3):
    stack.pop()
print("naive after each rollback:", naive[5:], "stack:", stack[-1])
print(stack[-1])
