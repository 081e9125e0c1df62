import numpy as np
from scipy.stats import ttest_ind, trim_mean
a = np.array([-92.1, -85.4, -101.3, -88.0, -500.0])   # lr 3e-4, one seed failed to learn
b = np.array([-80.2, -83.5, -79.9, -86.1, -81.7])    # lr 1e-3
print("means", a.mean(), b.mean(), "IQM", trim_mean(a, 0.25), trim_mean(b, 0.25))
print(round(ttest_ind(a, b, equal_var=False).pvalue, 3))
