layers, d_model, r = 6, 768, 8
adapted_per_layer = 2   # q_lin and v_lin
params = layers * adapted_per_layer * (d_model * r + r * d_model)
print("share of 66.4M", params / 66.4e6)
print(params)
