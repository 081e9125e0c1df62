"""Bloom filter with blake2b double hashing: measured false-positive rate against (1 - e^(-kn/m))^k."""
import hashlib
import math
import random


class Bloom:
    def __init__(self, m: int, k: int):
        self.m, self.k, self.bits = m, k, bytearray((m + 7) // 8)

    def _positions(self, s: str):
        h = hashlib.blake2b(s.encode(), digest_size=16).digest()
        h1, h2 = int.from_bytes(h[:8], "little"), int.from_bytes(h[8:], "little") | 1
        return ((h1 + i * h2) % self.m for i in range(self.k))

    def add(self, s: str) -> None:
        for p in self._positions(s):
            self.bits[p >> 3] |= 1 << (p & 7)

    def __contains__(self, s: str) -> bool:
        return all(self.bits[p >> 3] >> (p & 7) & 1 for p in self._positions(s))


rng = random.Random(0)
n = 100_000
inserted = [f"in-{rng.getrandbits(64):x}" for _ in range(n)]
probes = [f"out-{rng.getrandbits(64):x}" for _ in range(n)]
predicted, measured_at = {}, {}
for bpi in (4, 8, 16):
    m, k = bpi * n, round(bpi * math.log(2))
    bf = Bloom(m, k)
    for s in inserted:
        bf.add(s)
    assert all(s in bf for s in inserted[:10_000])
    measured = sum(s in bf for s in probes) / n
    measured_at[bpi] = measured
    predicted[bpi] = (1 - math.exp(-k * n / m)) ** k
    print(f"m/n={bpi} k={k} measured={measured:.5f} predicted={predicted[bpi]:.5f}")
print(round(measured_at[8], 4))
