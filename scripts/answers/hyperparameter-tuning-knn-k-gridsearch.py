"""Best k for StandardScaler + KNeighborsClassifier on wine by GridSearchCV (k = 1..30, 5-fold stratified default)."""
from sklearn.datasets import load_wine
from sklearn.model_selection import GridSearchCV
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_wine(return_X_y=True)
pipe = make_pipeline(StandardScaler(), KNeighborsClassifier())
gs = GridSearchCV(pipe, {"kneighborsclassifier__n_neighbors": list(range(1, 31))}, cv=5).fit(X, y)
for k, s in zip(range(1, 31), gs.cv_results_["mean_test_score"]):
    print(k, round(s, 4))
print(gs.best_params_, gs.best_score_)
print(round(gs.best_score_, 3))
