"""Early stopping with patience 3 and min_delta 0.01 on the task's validation losses: the epoch training stops after."""
losses = [0.92, 0.71, 0.60, 0.55, 0.549, 0.52, 0.515, 0.512, 0.511, 0.53, 0.50, 0.49]
best, bad, stop, best_epoch = float("inf"), 0, None, None
for epoch, loss in enumerate(losses, start=1):
    if loss < best - 0.01:
        best, bad, best_epoch = loss, 0, epoch
    else:
        bad += 1
        if bad >= 3:
            stop = epoch
            break
print("best epoch", best_epoch, "best loss", best)
print(stop)
