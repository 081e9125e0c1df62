"""Degree-2 polynomial features before Ridge on load_diabetes: feature count and 5-fold CV R2 against the raw features."""
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

X, y = load_diabetes(return_X_y=True)
cv = KFold(n_splits=5, shuffle=True, random_state=0)
raw = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
poly = make_pipeline(PolynomialFeatures(degree=2, include_bias=False), StandardScaler(), Ridge(alpha=1.0))
r_raw = cross_val_score(raw, X, y, cv=cv, scoring="r2").mean()
r_poly = cross_val_score(poly, X, y, cv=cv, scoring="r2").mean()
print("n poly features", PolynomialFeatures(degree=2, include_bias=False).fit(X).n_output_features_)
for a in (1.0, 10.0, 100.0):
    p = make_pipeline(PolynomialFeatures(degree=2, include_bias=False), StandardScaler(), Ridge(alpha=a))
    print("poly alpha", a, cross_val_score(p, X, y, cv=cv, scoring="r2").mean())
print("raw", r_raw, "poly", r_poly)
print(round(float(r_poly), 3))
