"""Build the task's repository with git and count `git rev-list --count main..feature` after a cherry-pick."""
import os
import subprocess
import tempfile


def git(*args: str, cwd: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "m", "GIT_AUTHOR_EMAIL": "m@example.com",
           "GIT_COMMITTER_NAME": "m", "GIT_COMMITTER_EMAIL": "m@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def commit(name: str, cwd: str) -> None:
    with open(os.path.join(cwd, f"{name.lower()}.txt"), "w") as f:
        f.write(name + "\n")
    git("add", ".", cwd=cwd)
    git("commit", "-qm", name, cwd=cwd)


with tempfile.TemporaryDirectory() as d:
    git("init", "-q", "-b", "main", cwd=d)
    for c in "ABC":
        commit(c, d)
    git("switch", "-qc", "feature", cwd=d)
    commit("D", d)
    commit("E", d)
    git("switch", "-q", "main", cwd=d)
    commit("F", d)
    git("cherry-pick", "feature", cwd=d)
    two_dot = git("rev-list", "--count", "main..feature", cwd=d)
    print("main..feature", git("log", "--format=%s", "main..feature", cwd=d).split())
    print("feature..main", git("log", "--format=%s", "feature..main", cwd=d).split())
    print("main...feature", git("rev-list", "--count", "main...feature", cwd=d))
    print("cherry-pick right-only", git("log", "--format=%s", "--cherry-pick", "--right-only", "main...feature", cwd=d).split())
    print(two_dot)
