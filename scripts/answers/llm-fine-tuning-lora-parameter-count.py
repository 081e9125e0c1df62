"""LoRA trainable parameters on distilgpt2 (6 blocks, width 768) for r = 8 on c_attn, and r = 8 on c_attn + c_proj + c_fc."""
layers, d = 6, 768
shapes = {"c_attn": [(d, 3 * d)], "c_proj": [(d, d), (4 * d, d)], "c_fc": [(d, 4 * d)]}  # c_proj: attention and MLP


def lora(r, targets):
    return layers * sum(r * (i + o) for t in targets for i, o in shapes[t])


print("r=8 c_attn:", lora(8, ["c_attn"]), "r=8 all three:", lora(8, ["c_attn", "c_proj", "c_fc"]))
print("r=4 all three:", lora(4, ["c_attn", "c_proj", "c_fc"]))
print(lora(8, ["c_attn", "c_proj", "c_fc"]))
