"""NotaGen's hierarchical decoder as a plain PyTorch cached loop: the other side of `notagen bench generate --versus-pytorch`.

Reads a checkpoint written by `notagen model export --format notagen-pth` (NotaGen's key names) and replays the patches
the workbench generated: per patch, the character decoder started from the patch state and stepped over the patch's
characters with a key/value cache (softmax and a seeded draw per character, as a sampler does, but the workbench's
character fed so both sides do the same steps), then one cached patch-level step. Written for this comparison from
GPT-2's published architecture (pre-LayerNorm blocks, Conv1D [in, out] weights, tanh GELU); nothing imported from
NotaGen or transformers. Prints one JSON object: seconds per patch, peak RSS, and the largest difference of its
character logits from the workbench's on the first patches.
"""
import argparse
import json
import math
import os
import resource
import time

import numpy as np
import torch
import torch.nn.functional as F

PATCH_SIZE = 16
VOCABULARY = 128
EOS = 2


class Gpt2Stack:
    """A GPT-2 block stack and its final LayerNorm, one position at a time against preallocated key/value buffers."""

    def __init__(self, weights, prefix, layers, hidden, heads, capacity):
        self.w = weights
        self.prefix = prefix
        self.layers = layers
        self.hidden = hidden
        self.heads = heads
        self.head_size = hidden // heads
        self.keys = [torch.zeros(heads, capacity, self.head_size) for _ in range(layers)]
        self.values = [torch.zeros(heads, capacity, self.head_size) for _ in range(layers)]
        self.length = 0

    def p(self, name):
        return self.w[self.prefix + name]

    def step(self, x):
        """x: [1, H] input embedding of the next position (position embedding included) -> [1, H] after ln_f."""
        t = self.length
        h, n, d = self.hidden, self.heads, self.head_size
        for l in range(self.layers):
            b = "h.%d." % l
            a = F.layer_norm(x, (h,), self.p(b + "ln_1.weight"), self.p(b + "ln_1.bias"), 1e-5)
            qkv = torch.addmm(self.p(b + "attn.c_attn.bias"), a, self.p(b + "attn.c_attn.weight"))
            q, k, v = qkv.split(h, dim=1)
            self.keys[l][:, t, :] = k.view(n, d)
            self.values[l][:, t, :] = v.view(n, d)
            keys = self.keys[l][:, : t + 1, :]
            values = self.values[l][:, : t + 1, :]
            scores = torch.bmm(q.view(n, 1, d), keys.transpose(1, 2)) / math.sqrt(d)
            attended = torch.bmm(torch.softmax(scores, dim=-1), values).reshape(1, h)
            x = x + torch.addmm(self.p(b + "attn.c_proj.bias"), attended, self.p(b + "attn.c_proj.weight"))
            a = F.layer_norm(x, (h,), self.p(b + "ln_2.weight"), self.p(b + "ln_2.bias"), 1e-5)
            inner = F.gelu(torch.addmm(self.p(b + "mlp.c_fc.bias"), a, self.p(b + "mlp.c_fc.weight")), approximate="tanh")
            x = x + torch.addmm(self.p(b + "mlp.c_proj.bias"), inner, self.p(b + "mlp.c_proj.weight"))
        self.length = t + 1
        return F.layer_norm(x, (h,), self.p("ln_f.weight"), self.p("ln_f.bias"), 1e-5)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkpoint", required=True)
    parser.add_argument("--patches", required=True, help="JSON: prompt and generated patches (16 ids each), ours_chars")
    parser.add_argument("--logits", required=True, help="float32 [K, 16, 128]: the workbench's character logits of the first K generated patches")
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    with open(args.patches) as f:
        run = json.load(f)
    prompt, generated, steps = run["prompt"], run["generated"], run["char_steps"]

    with torch.inference_mode():
        weights = torch.load(args.checkpoint, map_location="cpu")["model"]
        weight_bytes = sum(t.numel() * t.element_size() for k, t in weights.items() if k != "char_level_decoder.base.lm_head.weight")
        hidden = weights["patch_level_decoder.patch_embedding.weight"].shape[0]
        heads = hidden // 64
        patch_layers = len({k.split(".")[3] for k in weights if k.startswith("patch_level_decoder.base.h.")})
        char_layers = len({k.split(".")[4] for k in weights if k.startswith("char_level_decoder.base.transformer.h.")})
        patch_embedding = weights["patch_level_decoder.patch_embedding.weight"]  # [H, 16 * 128]
        patch_bias = weights["patch_level_decoder.patch_embedding.bias"]
        patch_wpe = weights["patch_level_decoder.base.wpe.weight"]
        char_wte = weights["char_level_decoder.base.transformer.wte.weight"]   # [128, H], tied LM head
        char_wpe = weights["char_level_decoder.base.transformer.wpe.weight"]
        slots = torch.arange(PATCH_SIZE) * VOCABULARY

        patch_stack = Gpt2Stack(weights, "patch_level_decoder.base.", patch_layers, hidden, heads, len(prompt) + len(generated) + 1)

        def patch_step(ids):
            # one_hot(ids) @ W^T + b, as NotaGen's nn.Linear computes it, read as the 16 columns it selects
            columns = patch_embedding.index_select(1, slots + torch.tensor(ids))
            x = (columns.sum(dim=1) + patch_bias + patch_wpe[patch_stack.length]).view(1, hidden)
            return patch_stack.step(x)

        def write_patch(state, ids, count):
            """The character decoder over one patch: start from the patch state, then `count` cached steps."""
            chars = Gpt2Stack(weights, "char_level_decoder.base.transformer.", char_layers, hidden, heads, PATCH_SIZE)
            rows = []
            x = state + char_wpe[0]
            for position in range(count + 1):
                logits = chars.step(x) @ char_wte.t()                            # [1, 128]
                rows.append(logits)
                torch.multinomial(torch.softmax(logits[0], dim=-1), 1, generator=generator)  # the draw a sampler makes
                if position < count:
                    x = (char_wte[ids[position]] + char_wpe[position + 1]).view(1, hidden)
            return rows

        state = None
        for ids in prompt:
            state = patch_step(ids)

        reference = np.fromfile(args.logits, dtype=np.float32).reshape(-1, PATCH_SIZE, VOCABULARY)
        compared = []
        times = []
        start = time.perf_counter()
        for i, ids in enumerate(generated):
            rows = write_patch(state, ids, steps[i])
            times.append(time.perf_counter() - start)
            if i < len(reference):
                compared.append(rows)
            state = patch_step(ids)
        max_difference = max(
            (torch.cat(rows) - torch.from_numpy(reference[i][: len(rows)])).abs().max().item() for i, rows in enumerate(compared))

    timed = len(times) - 1
    print(json.dumps({
        "patches": timed,
        "seconds": times[-1] - times[0],
        "seconds_per_patch": (times[-1] - times[0]) / timed if timed > 0 else float("nan"),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "weight_bytes": weight_bytes,
        "compared_patches": min(len(reference), len(generated)),
        "max_abs_logit_difference": max_difference,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3"),
    }))


if __name__ == "__main__":
    main()
