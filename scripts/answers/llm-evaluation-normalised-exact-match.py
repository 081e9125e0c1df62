"""SQuAD-style exact match (lower-case, drop punctuation and the articles a/an/the, squeeze spaces) on eight pairs."""
import re
import string

pairs = [("The Eiffel Tower", "Eiffel Tower"), ("paris", "Paris"), ("1969.", "1969"), ("an apple", "apple"),
         ("New York City", "New York"), ("Dr. Who", "Dr Who"), ("forty-two", "42"), ("  H2O ", "h2o")]


def norm(s):
    s = s.lower()
    s = "".join(ch for ch in s if ch not in set(string.punctuation))
    s = re.sub(r"\b(a|an|the)\b", " ", s)
    return " ".join(s.split())


raw = sum(p == r for p, r in pairs) / len(pairs)
em = sum(norm(p) == norm(r) for p, r in pairs) / len(pairs)
print("raw string equality:", raw, "normalised EM:", em, [norm(p) == norm(r) for p, r in pairs])
print(em)
