"""BPE merges on the toy vocabulary low:5, lower:2, newest:6, widest:3 (end-of-word marker </w>); ties broken by first occurrence."""
import collections

vocab = {("l", "o", "w", "</w>"): 5, ("l", "o", "w", "e", "r", "</w>"): 2,
         ("n", "e", "w", "e", "s", "t", "</w>"): 6, ("w", "i", "d", "e", "s", "t", "</w>"): 3}
merges = []
for _ in range(4):
    pairs = collections.Counter()
    for word, n in vocab.items():
        for a, b in zip(word, word[1:]):
            pairs[a, b] += n
    best = max(pairs.items(), key=lambda kv: kv[1])  # max keeps the first of equal counts
    print("counts of top pairs:", pairs.most_common(4))
    merges.append(best[0])
    new = {}
    for word, n in vocab.items():
        out, i = [], 0
        while i < len(word):
            if i + 1 < len(word) and (word[i], word[i + 1]) == best[0]:
                out.append(word[i] + word[i + 1]); i += 2
            else:
                out.append(word[i]); i += 1
        new[tuple(out)] = n
    vocab = new
print("merges:", merges)
print("vocab after 3:", vocab)
print(merges[2][0] + merges[2][1])
