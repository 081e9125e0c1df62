import numpy as np
from scipy.special import log_softmax, softmax
teacher = np.array([[6.0, 2.0, 1.0], [1.0, 3.0, 2.5]])
student = np.array([[3.0, 1.0, 0.5], [0.5, 1.0, 1.5]])
labels = np.array([0, 1])
T, alpha = 4.0, 0.7
p_t = softmax(teacher / T, axis=1)
log_p_s = log_softmax(student / T, axis=1)
kl = np.sum(p_t * (np.log(p_t) - log_p_s), axis=1).mean()  # batchmean
ce = -log_softmax(student, axis=1)[np.arange(2), labels].mean()
loss = alpha * T ** 2 * kl + (1 - alpha) * ce
print("kl", kl, "ce", ce)
print(round(loss, 4))
