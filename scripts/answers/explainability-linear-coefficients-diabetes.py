import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.preprocessing import StandardScaler
X, y = load_diabetes(return_X_y=True, as_frame=True)
Xs = StandardScaler().fit_transform(X)
coef = LinearRegression().fit(Xs, y).coef_
order = np.argsort(-np.abs(coef))
for i in order: print(X.columns[i], round(coef[i], 2))
print(np.corrcoef(X["s1"], X["s2"])[0, 1])
print(X.columns[order[0]])
