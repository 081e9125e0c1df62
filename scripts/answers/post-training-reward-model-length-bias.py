"""A linear Bradley-Terry reward model on [helpfulness, length in hundreds of tokens] fitted as logistic regression
without intercept on feature differences, each pair added in both orders (objective 0.5*||w||^2 + sum of log-losses,
scikit-learn's default C = 1). Prints the weights, then P(a long unhelpful (2, 4.0) beats a short helpful (4, 1.0))."""
import numpy as np
from sklearn.linear_model import LogisticRegression

chosen = np.array([(4, 3.0), (5, 2.5), (3, 4.0), (4, 2.0), (2, 3.5), (5, 1.0), (3, 2.5), (4, 3.5)])
rejected = np.array([(3, 1.0), (4, 1.5), (4, 1.0), (2, 2.5), (3, 1.5), (3, 3.0), (3, 1.0), (4, 2.0)])
d = chosen - rejected
X = np.vstack([d, -d])
y = np.array([1] * len(d) + [0] * len(d))
model = LogisticRegression(fit_intercept=False, C=1.0).fit(X, y)
w = model.coef_[0]
print("weights helpfulness, length", np.round(w, 4))
diff = np.array([2, 4.0]) - np.array([4, 1.0])
print(round(float(1 / (1 + np.exp(-diff @ w))), 4))
