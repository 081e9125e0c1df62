"""Three-way merge of the task's nine-line config with `git merge-file`; its exit code is the number of conflicts."""
import os
import subprocess
import tempfile

BASE = ["lr: 0.01", "batch: 32", "epochs: 10", "warmup: 100", "dropout: 0.1", "weight_decay: 0.0",
        "seed: 42", "optimizer: adam", "scheduler: cosine"]
OURS = ["lr: 0.001", "batch: 32", "epochs: 10", "warmup: 100", "dropout: 0.2", "weight_decay: 0.0",
        "seed: 7", "optimizer: adam", "scheduler: cosine"]
THEIRS = ["lr: 0.01", "batch: 64", "epochs: 10", "warmup: 100", "dropout: 0.2", "weight_decay: 0.0",
          "seed: 42", "optimizer: adam", "scheduler: linear"]
with tempfile.TemporaryDirectory() as d:
    paths = {}
    for name, lines in [("ours", OURS), ("base", BASE), ("theirs", THEIRS)]:
        paths[name] = os.path.join(d, f"{name}.yaml")
        with open(paths[name], "w") as f:
            f.write("\n".join(lines) + "\n")
    r = subprocess.run(["git", "merge-file", "-p", paths["ours"], paths["base"], paths["theirs"]],
                       capture_output=True, text=True)
    print(r.stdout)
    print("conflict markers", r.stdout.count("<<<<<<<"))
    print(r.returncode)
