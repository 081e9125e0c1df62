"""Chunked batch scoring of a CSV (challenge inference-pipelines-batch-score-file)."""
import os, tempfile
import joblib
import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True, as_frame=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.3, random_state=42, stratify=y)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(Xtr, ytr)
d = tempfile.mkdtemp()
joblib.dump(model, os.path.join(d, "model.joblib"))
Xte.reset_index(drop=True).rename_axis("row_id").reset_index().to_csv(os.path.join(d, "new.csv"), index=False)

model = joblib.load(os.path.join(d, "model.joblib"))  # loaded once
parts = []
for chunk in pd.read_csv(os.path.join(d, "new.csv"), chunksize=50):
    score = model.predict_proba(chunk.drop(columns="row_id"))[:, 1]
    parts.append(pd.DataFrame({"row_id": chunk.row_id, "score": score, "model_version": "v1"}))
out = pd.concat(parts)
assert len(out) == len(Xte) and out.row_id.is_unique
print(f"rows {len(out)} in {len(parts)} chunks")
print(int((out.score >= 0.9).sum()))
