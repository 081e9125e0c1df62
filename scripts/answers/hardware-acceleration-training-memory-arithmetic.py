params = 1.5e9
# mixed-precision AdamW: bf16 weights 2 + bf16 grads 2 + fp32 master weights 4 + Adam m 4 + Adam v 4 bytes per parameter
bytes_per_param = 2 + 2 + 4 + 4 + 4
total_gb = params * bytes_per_param / 1e9
print("inference bf16 GB", params * 2 / 1e9)
print(round(total_gb, 1))
