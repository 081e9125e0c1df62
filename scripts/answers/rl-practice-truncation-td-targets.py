gamma = 0.99
# (reward, V(next_state), terminated, truncated)
batch = [(1.0, 50.0, False, False), (1.0, 0.0, True, False), (1.0, 48.0, False, True),
         (0.0, 20.0, False, False), (1.0, 45.0, False, True)]
correct = [r + gamma * v * (not term) for r, v, term, trunc in batch]
wrong = [r + gamma * v * (not (term or trunc)) for r, v, term, trunc in batch]
print("correct", correct, "wrong mean", sum(wrong) / len(wrong))
print(round(sum(correct) / len(correct), 3))
