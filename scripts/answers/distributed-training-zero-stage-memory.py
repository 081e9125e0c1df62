"""Per-GPU model-state memory under ZeRO stages 0-3 (challenge distributed-training-zero-stage-memory)."""
PSI, N, K = 13e9, 16, 12          # parameters, data-parallel GPUs, optimiser bytes per parameter (fp32 copy, m, v)
stages = {
    "0 (plain data parallel)": (2 + 2 + K) * PSI,
    "1 (optimiser states)": (2 + 2) * PSI + K * PSI / N,
    "2 (+ gradients)": 2 * PSI + (2 + K) * PSI / N,
    "3 (+ parameters)": (2 + 2 + K) * PSI / N,
}
for name, b in stages.items():
    print(f"stage {name}: {b / 1e9:.3f} GB per GPU, fits 80 GB with 20 GB for activations: {b <= 60e9}")
print(round(stages["2 (+ gradients)"] / 1e9, 3))
