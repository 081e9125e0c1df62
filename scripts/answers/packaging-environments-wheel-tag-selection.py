"""Which of the task's six wheels does pip choose on CPython 3.11, x86-64 Linux with glibc 2.31? Uses packaging.tags."""
from packaging.tags import cpython_tags, compatible_tags
from packaging.utils import parse_wheel_filename

WHEELS = [
    "fastnum-1.2.0-cp311-cp311-manylinux_2_34_x86_64.whl",
    "fastnum-1.2.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
    "fastnum-1.2.0-cp312-cp312-manylinux_2_17_x86_64.whl",
    "fastnum-1.2.0-cp311-cp311-manylinux_2_28_x86_64.whl",
    "fastnum-1.2.0-py3-none-any.whl",
    "fastnum-1.2.0-cp311-cp311-musllinux_1_1_x86_64.whl",
]
# The platform tags a glibc 2.31 x86-64 system accepts, newest first (what pip derives from the running system).
platforms = [f"manylinux_2_{m}_x86_64" for m in range(31, 16, -1)] + ["manylinux2014_x86_64"]
platforms += [f"manylinux_2_{m}_x86_64" for m in range(16, 4, -1)] + ["manylinux2010_x86_64", "manylinux1_x86_64"]
platforms += ["linux_x86_64"]
supported = list(cpython_tags((3, 11), abis=["cp311"], platforms=platforms))
supported += list(compatible_tags((3, 11), interpreter="cp311", platforms=platforms))
rank = {t: i for i, t in enumerate(supported)}
scored = []
for w in WHEELS:
    tags = parse_wheel_filename(w)[3]
    best = min((rank[t] for t in tags if t in rank), default=None)
    print(f"{w}: {'incompatible' if best is None else f'priority {best}'}")
    if best is not None:
        scored.append((best, w))
print(min(scored)[1])
