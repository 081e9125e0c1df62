"""False alarms per 30 days from an hourly check that alerts when |z| > 3 on a healthy, normally distributed metric."""
import numpy as np
from scipy import stats

checks = 30 * 24
p = 2 * stats.norm.sf(3)
rng = np.random.default_rng(0)
sim = (np.abs(rng.normal(size=(5000, checks))) > 3).sum(axis=1).mean()
print("p per check", round(p, 5), "simulated", round(float(sim), 3), "at |z| > 4:", round(checks * 2 * stats.norm.sf(4), 4))
print(round(checks * p, 3))
