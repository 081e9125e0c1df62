"""ROC AUC as the share of positive-negative pairs ranked correctly (ties count half), breast cancer, scaled LR, 75/25 split rs=0."""
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)
# a deliberately weak model (two features, no scaling issues) so the AUC is not 0.99+
cols = [0, 1]  # mean radius, mean texture
clf = make_pipeline(StandardScaler(), LogisticRegression()).fit(Xtr[:, cols], ytr)
s = clf.predict_proba(Xte[:, cols])[:, 1]
pos, neg = s[yte == 1], s[yte == 0]
diff = pos[:, None] - neg[None, :]
auc = ((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size
print("pairs:", diff.size, "by hand:", auc, "sklearn:", roc_auc_score(yte, s))
print(round(auc, 4))
