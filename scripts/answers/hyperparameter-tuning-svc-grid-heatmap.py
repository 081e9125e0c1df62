"""GridSearchCV of StandardScaler + RBF SVC on digits (80/20 stratified rs=0), 6x6 grid of C and gamma: best_score_."""
from sklearn.datasets import load_digits
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = load_digits(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
grid = {"svc__C": [0.01, 0.1, 1, 10, 100, 1000], "svc__gamma": [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]}
gs = GridSearchCV(make_pipeline(StandardScaler(), SVC(kernel="rbf")), grid, cv=5).fit(Xtr, ytr)
print(gs.best_params_, gs.best_score_, "test:", gs.score(Xte, yte))
print(round(gs.best_score_, 3))
