layers, kv_heads, head_dim, bytes_per = 32, 8, 128, 2
context = 8192
per_token = 2 * layers * kv_heads * head_dim * bytes_per   # K and V
per_seq = per_token * context
free = 24e9 - 14.5e9 - 1.5e9    # GPU memory minus weights minus activations/workspace
print("KiB/token", per_token / 1024, "GiB/seq", per_seq / 2**30)
print("without GQA (32 kv heads):", int(free // (per_seq * 4)))
print(int(free // per_seq))
