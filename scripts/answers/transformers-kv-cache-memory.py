"""KV-cache bytes: 2 (K and V) x layers x KV heads x head dim x tokens x batch x bytes per value, in GiB."""
layers, kv_heads, head_dim, tokens, batch, nbytes = 32, 32, 128, 4096, 1, 2
mha = 2 * layers * kv_heads * head_dim * tokens * batch * nbytes / 2 ** 30
gqa = 2 * layers * 8 * head_dim * tokens * 8 * nbytes / 2 ** 30  # 8 KV heads, batch 8
print("MHA, batch 1, fp16 (GiB):", mha, "GQA 8 KV heads, batch 8:", gqa)
print(gqa)
