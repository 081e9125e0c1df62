"""Apply the task's 8 mutants to clip() and run its 3 tests against each: which survive?"""
ORIGINAL = '''
def clip(x, lo, hi):
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x
'''
MUTANTS = {
    "M1": ("x < lo", "x <= lo"),
    "M2": ("x > hi", "x >= hi"),
    "M3": ("return lo", "return x"),
    "M4": ("x > hi", "x > lo"),
    "M5": ("return hi", "return hi - 1"),
    "M6": ("x < lo", "x < hi"),
    "M7": ("x < lo", "x < lo - 1"),
    "M8": ("x > hi", "x > hi + 1"),
}


def tests_pass(src: str) -> bool:
    ns: dict = {}
    exec(src, ns)
    clip = ns["clip"]
    return clip(5, 0, 10) == 5 and clip(-3, 0, 10) == 0 and clip(15, 0, 10) == 10


assert tests_pass(ORIGINAL)
survivors = []
for name, (old, new) in MUTANTS.items():
    src = ORIGINAL.replace(old, new, 1)
    assert src != ORIGINAL
    alive = tests_pass(src)
    print(name, f"{old!r} -> {new!r}", "SURVIVES" if alive else "killed")
    if alive:
        survivors.append(name)
print("survivors", survivors)
print(len(survivors))
