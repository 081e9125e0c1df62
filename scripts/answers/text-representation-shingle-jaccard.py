"""Jaccard similarity of the character 3-gram sets of two product titles (lower-cased, spaces kept)."""
a = "wireless noise cancelling headphones"
b = "wireless noise-cancelling headphones black"


def shingles(s, k=3):
    s = s.lower()
    return {s[i:i + k] for i in range(len(s) - k + 1)}


A, B = shingles(a), shingles(b)
print(len(A), len(B), len(A & B), len(A | B))
print(round(len(A & B) / len(A | B), 4))
