"""How many model pods fit on one node by requests (challenge kubernetes-requests-bin-packing)."""
alloc_cpu_m, alloc_mem_mi = 3800, 7680   # node allocatable: 3800m CPU, 7.5Gi
sys_cpu_m, sys_mem_mi = 850, 1024        # requests of pods already on the node
pod_cpu_m, pod_mem_mi = 500, 1536        # model pod requests: 500m, 1.5Gi
by_cpu = (alloc_cpu_m - sys_cpu_m) // pod_cpu_m
by_mem = (alloc_mem_mi - sys_mem_mi) // pod_mem_mi
print(f"fit by CPU {by_cpu}, by memory {by_mem}")
print(min(by_cpu, by_mem))
