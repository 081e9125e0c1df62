"""Expected monthly downtime of a request path: services in series, with the model service as two independent replicas."""
gateway, features, model, db = 0.9995, 0.999, 0.999, 0.9999
model_pair = 1 - (1 - model) ** 2
a = gateway * features * model_pair * db
a_single = gateway * features * model * db
minutes = 30 * 24 * 60
print(f"availability {a:.6f} ({(1-a)*minutes:.1f} min/month); with one model replica {a_single:.6f} ({(1-a_single)*minutes:.1f} min)")
print(round((1 - a) * minutes, 1))
