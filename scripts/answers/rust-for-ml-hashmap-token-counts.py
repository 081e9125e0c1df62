"""Token counts for the task's text: split on non-alphanumeric characters, lower-case, drop empty pieces."""
import re
from collections import Counter

TEXT = ("The model reads the data; the data feeds the model. A model that reads bad data "
        "learns bad habits, and bad habits cost the team time: clean the data first!")
tokens = [t.lower() for t in re.split(r"[^A-Za-z0-9]+", TEXT) if t]
c = Counter(tokens)
print(len(tokens), sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
print(len(c))
