# Chouldechova (2017): FPR = p/(1-p) * (1-PPV)/PPV * (1-FNR)
ppv, fnr = 0.7, 0.2
def fpr(p):
    return p / (1 - p) * (1 - ppv) / ppv * (1 - fnr)
a, b = fpr(0.5), fpr(0.3)
# check with explicit counts for 10,000 people per group
for p in (0.5, 0.3):
    pos = 10000 * p; tp = pos * (1 - fnr); fp = tp * (1 - ppv) / ppv
    print(p, "FPR from counts", fp / (10000 - pos))
print("FPR A", a, "FPR B", b)
print(round(a - b, 3))
