"""Memory per weight of QLoRA's NF4: 4 bits + fp32 absmax per 64-weight block, or with double quantisation 8-bit absmax + fp32 per 256 blocks."""
plain = 4 + 32 / 64
dq = 4 + 8 / 64 + 32 / (64 * 256)
params = 7e9
print("without DQ:", plain, "with DQ:", dq, "saved per weight:", plain - dq, "saved on 7B (GB):", (plain - dq) * params / 8 / 1e9)
print(round(dq, 3))
