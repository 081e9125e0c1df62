"""Which registered version earns the champion alias (challenge model-registry-champion-alias-version)."""
from sklearn.datasets import load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_wine(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
accs = []
for version, C in enumerate([0.01, 1.0, 100.0], start=1):
    m = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=5000)).fit(Xtr, ytr)
    loss = log_loss(yte, m.predict_proba(Xte))
    accs.append((loss, version))
    print(version, C, "accuracy", round(m.score(Xte, yte), 4), "log loss", round(loss, 4))
print(min(accs)[1])
