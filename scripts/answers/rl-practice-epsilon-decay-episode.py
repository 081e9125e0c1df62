"""First episode whose epsilon reaches the 0.05 floor: epsilon = max(0.05, 0.995 ** episode), episodes counted from 0."""
import math

episode = 0
while max(0.05, 0.995**episode) > 0.05:
    episode += 1
print("closed form", math.ceil(math.log(0.05) / math.log(0.995)))
print(episode)
