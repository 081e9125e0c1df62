"""Break-even monthly requests between a function and an always-on VM (challenge serverless-ml-break-even-vs-vm)."""
vm_month = 30.0
per_req = 1.0 * 0.200 * 0.0000166667 + 0.20 / 1e6   # 1024 MB for 200 ms, plus the request fee
n = vm_month / per_req
print(f"cost per request ${per_req:.4e}; sustained rate {n / (30 * 86400):.2f} req/s")
print(round(n / 1e6, 3))
