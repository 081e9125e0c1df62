from sklearn.metrics import roc_auc_score
y = [1, 0, 1, 0, 1, 0, 0, 1, 0, 0]
s = [0.9, 0.8, 0.7, 0.7, 0.6, 0.4, 0.35, 0.3, 0.2, 0.1]
pos = [si for si, yi in zip(s, y) if yi == 1]; neg = [si for si, yi in zip(s, y) if yi == 0]
auc = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg))
print("sklearn", roc_auc_score(y, s))
print(round(auc, 4))
