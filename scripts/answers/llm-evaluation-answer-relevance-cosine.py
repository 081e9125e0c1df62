"""RAGAS-style answer relevance: mean cosine similarity between the question's embedding and the embeddings of three
questions regenerated from the answer (vectors from the task); prints the mean last."""
import numpy as np

q = np.array([0.6, 0.8, 0.0, 0.0])
generated = np.array([
    [0.5, 0.7, 0.1, 0.1],
    [0.8, 0.6, 0.0, 0.0],
    [0.0, 0.3, 0.9, 0.3],
])
cos = generated @ q / (np.linalg.norm(generated, axis=1) * np.linalg.norm(q))
print("cosines", np.round(cos, 4), "mean of the first two", round(cos[:2].mean(), 4))
print(round(float(cos.mean()), 4))
