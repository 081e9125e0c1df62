"""Break-even daily traffic between an always-on endpoint and per-request serverless billing (illustrative prices in the task)."""
instance_per_hour = 0.23
hours = 24 * 30
gb, seconds, per_gb_s, per_million = 2.0, 0.3, 0.0000200, 0.20
always_on = instance_per_hour * hours
per_request = gb * seconds * per_gb_s + per_million / 1e6
breakeven_month = always_on / per_request
per_day = breakeven_month / 30
print(f"always-on ${always_on:.2f}/month, serverless ${per_request:.8f}/request")
print(f"break-even {breakeven_month:,.0f} requests/month = {per_day:,.0f}/day")
print(int(round(per_day, -3)))
