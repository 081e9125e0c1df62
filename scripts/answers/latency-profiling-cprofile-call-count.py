import cProfile, pstats

def tokenize(text):
    return text.lower().split()

def vocab_size(docs):
    return len({w for d in docs for w in tokenize(d)})

def featurize(docs):
    rows = []
    for d in docs:
        rows.append([len(tokenize(d)) / vocab_size(docs)])
    return rows

docs = [f"sample document number {i} about topic {i % 7}" for i in range(200)]
prof = cProfile.Profile()
prof.enable()
featurize(docs)
prof.disable()
stats = pstats.Stats(prof)
n = [v[1] for k, v in stats.stats.items() if k[2] == "tokenize"][0]  # ncalls (total)
print(n)
