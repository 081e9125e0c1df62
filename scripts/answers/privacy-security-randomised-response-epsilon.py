import numpy as np
p_truth = 0.75
p_yes_given_yes = p_truth + (1 - p_truth) * 0.5
p_yes_given_no = (1 - p_truth) * 0.5
eps = np.log(p_yes_given_yes / p_yes_given_no)
# estimate from a survey with 2,000 respondents and 600 'yes'
obs = 600 / 2000
est = (obs - p_yes_given_no) / p_truth
se = np.sqrt(obs * (1 - obs) / 2000) / p_truth
print("estimate", est, "se", se)
print(round(float(eps), 3))
