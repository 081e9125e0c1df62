peak_flops = 65e12       # fp16 tensor-core peak, FLOP/s (T4 datasheet)
bandwidth = 320e9        # bytes/s (T4 datasheet)
n = 4096
flops = 2 * n * n                      # one matrix-vector product
bytes_moved = 2 * n * n + 2 * n + 2 * n  # fp16 weights + input vector + output vector
ai = flops / bytes_moved
ridge = peak_flops / bandwidth
attainable = min(peak_flops, ai * bandwidth)
print("AI FLOP/byte", ai, "ridge", ridge)
print(round(attainable / 1e9, 1))
