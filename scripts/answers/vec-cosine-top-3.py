"""Top-3 documents by cosine similarity (and, for contrast, by raw dot product) for the vectors in the task."""
import numpy as np

docs = {
    "A": [0.9, 0.1, 0.0, 0.2],
    "B": [0.6, 0.6, 0.1, 0.0],
    "C": [3.0, 2.5, 2.0, 2.2],
    "D": [0.7, 0.5, 0.0, 0.1],
    "E": [0.1, 0.9, 0.3, 0.0],
    "F": [0.0, 0.1, 0.9, 0.4],
}
q = np.array([0.8, 0.6, 0.0, 0.0])
names = list(docs)
M = np.array([docs[n] for n in names])
cos = M @ q / (np.linalg.norm(M, axis=1) * np.linalg.norm(q))
dot = M @ q
for n, c, d in zip(names, cos, dot):
    print(n, round(float(c), 4), round(float(d), 3))
top_cos = [names[i] for i in np.argsort(-cos)[:3]]
top_dot = [names[i] for i in np.argsort(-dot)[:3]]
print("dot top-3", ", ".join(top_dot))
print(", ".join(top_cos))
