"""Which Dockerfile steps rerun after an app.py edit (challenge containers-layer-cache-invalidation).

Docker's cache: a step is reused only if it and every step before it are unchanged; a COPY is
changed when any copied file changes. After the first miss, every later step runs again.
"""
steps = [
    ("FROM", None), ("RUN", None), ("WORKDIR", None), ("COPY", {"app.py", "requirements.txt", "model.joblib", "download_tokenizer.py"}),
    ("RUN", None), ("RUN", None), ("COPY", {"model.joblib"}), ("CMD", None),
]
edited = "app.py"
missed, rerun = False, 0
for kind, files in steps:
    if kind == "COPY" and edited in files:
        missed = True
    if missed and kind in ("RUN", "COPY"):
        rerun += 1
print(rerun)
