"""Share of padded positions in a batch of 8 sequences padded to the longest, and what pack_padded_sequence keeps."""
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

lengths = [12, 3, 7, 25, 9, 4, 18, 6]
seqs = [torch.ones(n, 1) for n in lengths]
padded = pad_sequence(seqs, batch_first=True)  # (8, 25, 1)
packed = pack_padded_sequence(padded, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
real = packed.data.shape[0]
total = padded.shape[0] * padded.shape[1]
pairs = sorted(lengths)
bucketed = sum(2 * max(pairs[i:i + 2]) for i in range(0, 8, 2))
print("padded", total, "real", real, "bucketed in sorted pairs", bucketed, "waste", round(1 - real / bucketed, 4))
print(round(1 - real / total, 4))
