"""Ten daily versions of a 1,000-chunk dataset in a content-addressed store: MB stored, counting each distinct chunk once."""
import hashlib

CHUNKS, DAYS, MB = 1000, 10, 1


def content(i, day):
    # Chunk i is rewritten on day d (1..9) when (i + 13 * d) % 100 < 3; a chunk's content is its last rewrite day.
    last = max([d for d in range(1, day + 1) if (i + 13 * d) % 100 < 3], default=0)
    return f"chunk {i} as of day {last}".encode()


store = set()
for day in range(DAYS):
    for i in range(CHUNKS):
        store.add(hashlib.sha256(content(i, day)).hexdigest())
print("full copies would take", CHUNKS * DAYS * MB, "MB")
print(len(store) * MB)
