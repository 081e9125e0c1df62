"""Weight memory at three precisions and the KV-cache tokens left on a 24 GB card (challenge llm-serving-quantised-weights-kv-room)."""
PARAMS = 8e9
CARD, RESERVED = 24e9, 2e9
kv_per_token = 2 * 32 * 8 * 128 * 2            # K and V, 32 layers, 8 KV heads, dim 128, fp16
formats = {"fp16": 16, "int8": 8, "4-bit, group 128, fp16 scale": 4 + 16 / 128}
tokens = {}
for name, bits in formats.items():
    weights = PARAMS * bits / 8
    tokens[name] = int((CARD - RESERVED - weights) // kv_per_token)
    print(f"{name}: weights {weights / 1e9:.3f} GB, KV room {tokens[name]} tokens")
print(tokens["4-bit, group 128, fp16 scale"])
