"""Monthly cost of a prediction function from given prices (challenge serverless-ml-monthly-function-cost)."""
requests = 2_000_000
mem_gb = 512 / 1024
dur_s = 0.120
price_gb_s = 0.0000166667
price_per_million = 0.20
compute = requests * dur_s * mem_gb * price_gb_s
req_cost = requests / 1e6 * price_per_million
print(f"GB-seconds {requests * dur_s * mem_gb:.0f}; compute ${compute:.4f}; requests ${req_cost:.2f}")
print(round(compute + req_cost, 2))
