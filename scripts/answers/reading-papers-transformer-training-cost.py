gpus, hours, p100_flops = 8, 12, 9.5e12
paper_estimate = gpus * hours * 3600 * p100_flops
N, steps, tokens_per_step = 65e6, 100_000, 25_000
six_nd = 6 * N * steps * tokens_per_step
print("paper", paper_estimate, "6ND", six_nd)
print(round(six_nd / paper_estimate, 3))
