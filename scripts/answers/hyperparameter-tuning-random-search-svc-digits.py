"""RandomizedSearchCV(n_iter=20, random_state=0) over SVC C, gamma ~ loguniform on digits, cv=3: best CV accuracy."""
from scipy.stats import loguniform
from sklearn.datasets import load_digits
from sklearn.model_selection import RandomizedSearchCV
from sklearn.svm import SVC

X, y = load_digits(return_X_y=True)
X = X / 16.0
rs = RandomizedSearchCV(SVC(), {"C": loguniform(1e-2, 1e3), "gamma": loguniform(1e-4, 1e1)}, n_iter=20, cv=3,
                        random_state=0).fit(X, y)
scores = sorted(rs.cv_results_["mean_test_score"])
print("all scores:", [round(s, 3) for s in scores])
print(rs.best_params_, rs.best_score_)
print(round(rs.best_score_, 3))
