"""Isotonic calibration of a random forest fitted on the forest's own training rows vs on a held-out calibration split.

make_classification(n_samples=20000, n_features=20, n_informative=2, n_redundant=10, random_state=0), split 50/25/25
with train_test_split(random_state=0) twice; RandomForestClassifier(n_estimators=200, random_state=0).
ECE: 10 equal-width bins of predicted probability, sum over bins of (share of rows) * |mean prediction - positive rate|.
"""
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

X, y = make_classification(n_samples=20000, n_features=20, n_informative=2, n_redundant=10, random_state=0)
Xtr, Xrest, ytr, yrest = train_test_split(X, y, train_size=0.5, random_state=0)
Xcal, Xte, ycal, yte = train_test_split(Xrest, yrest, train_size=0.5, random_state=0)


def ece(p, y, bins=10):
    b = np.clip(np.floor(p * bins).astype(int), 0, bins - 1)
    return sum(abs(p[b == i].mean() - y[b == i].mean()) * (b == i).mean() for i in range(bins) if (b == i).any())


out = {}
for name, model in [("nb", GaussianNB()), ("rf", RandomForestClassifier(n_estimators=200, random_state=0, n_jobs=-1))]:
    model.fit(Xtr, ytr)
    p = model.predict_proba(Xte)[:, 1]
    iso_cal = IsotonicRegression(out_of_bounds="clip").fit(model.predict_proba(Xcal)[:, 1], ycal)
    iso_tr = IsotonicRegression(out_of_bounds="clip").fit(model.predict_proba(Xtr)[:, 1], ytr)
    for tag, q in [("raw", p), ("iso-cal", iso_cal.predict(p)), ("iso-train", iso_tr.predict(p))]:
        out[name, tag] = (brier_score_loss(yte, q), ece(q, yte))
        print(name, tag, "brier %.4f ECE %.4f" % out[name, tag])
print(round(out["rf", "iso-train"][0], 4))
