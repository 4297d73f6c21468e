"""Trains lesson 29's character-level GPT on the bundled Dhammapada text and ships the weights.

Run with Debian's Python (python3-torch):
    /usr/bin/python3 tools/train/gpt_29.py

Why shipped weights: beating an interpolated trigram on held-out text takes a few thousand
steps of a two-block model, minutes of CPU, while the lesson must run in well under 30 s.
The lesson trains the same model from scratch for a short run (to show the loop and the
curve), then loads these weights, reproduces the held-out loss recorded here, and continues
training them.

The recipe, mirrored in the lesson: the text's characters, sorted, are the vocabulary; the
first 80% of the text trains, the next 10% (validation) picks the checkpoint, the last 10% is
the test split. Held-out loss is the mean cross-entropy in nats over every character of a split,
each predicted from the preceding characters, in windows of BLOCK characters that advance by
BLOCK / 2 and score only their second half (see `split_loss`). Training: random windows of the
training split, AdamW with warm-up and cosine decay, dropout in every block.

Writes packages/descent/src/datasets/data/pretrained-gpt-29.ts (descent-state, float32) with
the configuration and the recorded validation and test losses in its meta;
test/datasets/pretrained.test.ts checks that Descent reproduces them.
"""
import math
import os
import re
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from descent_state import descent_state_bytes, write_module  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
TEXT = os.path.join(ROOT, "packages", "descent", "src", "datasets", "data", "tiny-text.ts")
OUT = os.environ.get("OUT", os.path.join(ROOT, "packages", "descent", "src", "datasets", "data", "pretrained-gpt-29.ts"))
CONFIG = {"width": int(os.environ.get("WIDTH", 48)), "layers": 2, "heads": 4, "blockSize": 64, "dropout": float(os.environ.get("DROPOUT", 0.1))}
STEPS, BATCH, LR, WARMUP, WEIGHT_DECAY, EVAL_EVERY = int(os.environ.get("STEPS", 2000)), 32, 3e-3, 100, 0.1, 100
nn = torch.nn
torch.set_num_threads(1)


def read_text():
    """The string literal of tiny-text.ts, unescaped as JavaScript would (it uses only \\n, \\" and line continuations)."""
    src = open(TEXT, encoding="utf-8").read()
    body = src[src.index('export const tinyText = "') + len('export const tinyText = "'):src.rindex('";')]
    body = body.replace("\\\n", "")
    return re.sub(r'\\(.)', lambda m: {"n": "\n", '"': '"', "\\": "\\", "'": "'"}[m.group(1)], body)


class GPT(nn.Module):
    """The lesson's GPT, with the same attribute names so the state dict keys match."""

    def __init__(self, vocab, width, layers, heads, blockSize, dropout):
        super().__init__()
        self.tok = nn.Embedding(vocab, width)
        self.pos = nn.Embedding(blockSize, width)
        self.blocks = nn.ModuleList([nn.TransformerEncoderLayer(width, heads, 4 * width, dropout, batch_first=True, norm_first=True)
                                     for _ in range(layers)])
        self.lnF = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocab)

    def forward(self, idx):                                     # (N, T) → (N, T, vocab)
        T = idx.shape[1]
        x = self.tok(idx) + self.pos(torch.arange(T))
        mask = torch.triu(torch.full((T, T), float("-inf")), diagonal=1)
        for block in self.blocks:
            x = block(x, src_mask=mask)
        return self.head(self.lnF(x))


def split_loss(model, ids, lo, hi, T):
    """Mean cross-entropy (nats) of characters lo..hi-1, windows of T advancing by T/2."""
    model.eval()
    starts, scored = [], []
    pos = lo
    while pos < hi:
        end = min(pos + T // 2, hi)
        starts.append(end - T)
        scored.append((pos, end))
        pos = end
    x = torch.stack([ids[s:s + T] for s in starts])           # (W, T)
    with torch.no_grad():
        logits = model(x)                                       # (W, T, vocab)
    total = 0.0
    for w, (a, b) in enumerate(scored):
        rows = torch.arange(a - 1 - starts[w], b - 1 - starts[w])   # logits at t predict the character at t + 1
        total += nn.functional.cross_entropy(logits[w, rows], ids[a:b], reduction="sum").item()
    model.train()
    return total / (hi - lo)


def main():
    text = read_text()
    assert len(text) == 25273, len(text)
    vocab = sorted(set(text))
    ids = torch.tensor([vocab.index(c) for c in text])
    n = len(ids)
    a, b = int(0.8 * n), int(0.9 * n)
    torch.manual_seed(0)
    model = GPT(len(vocab), **CONFIG)
    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=WEIGHT_DECAY)
    g = torch.Generator().manual_seed(0)
    T = CONFIG["blockSize"]
    best = (float("inf"), None, -1)
    for step in range(STEPS):
        lr = LR * min(1, (step + 1) / WARMUP) * 0.5 * (1 + math.cos(math.pi * step / STEPS))
        for group in opt.param_groups:
            group["lr"] = lr
        starts = torch.randint(0, a - T - 1, (BATCH,), generator=g)
        x = torch.stack([ids[s:s + T] for s in starts])
        y = torch.stack([ids[s + 1:s + T + 1] for s in starts])
        loss = nn.functional.cross_entropy(model(x).reshape(-1, len(vocab)), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if (step + 1) % EVAL_EVERY == 0 or step == STEPS - 1:
            val = split_loss(model, ids, a, b, T)
            print(f"step {step + 1}: train batch {loss.item():.4f}, validation {val:.4f}", flush=True)
            if val < best[0]:
                best = (val, {k: v.clone() for k, v in model.state_dict().items()}, step + 1)
    model.load_state_dict(best[1])
    model.eval()
    test = split_loss(model, ids, b, n, T)
    meta = {
        "config": {**CONFIG, "vocab": "".join(vocab)},
        "split": {"trainEnd": a, "validationEnd": b, "length": n},
        "recipe": f"AdamW lr {LR}, warm-up {WARMUP} steps then cosine, weight decay {WEIGHT_DECAY}, {STEPS} steps of "
                  f"{BATCH} random windows of {T} training characters; kept the checkpoint with the lowest validation loss",
        "step": best[2], "validationLoss": best[0], "testLoss": test,
        "parameters": sum(p.numel() for p in model.parameters()),
    }
    print(meta, flush=True)
    state = {k: v.numpy() for k, v in model.state_dict().items()}
    data = descent_state_bytes(state, meta)
    size = write_module(OUT, "gpt-29", "tools/train/gpt_29.py", [
        "Weights of lesson 29's character-level GPT, trained on the first 80% of the bundled Dhammapada",
        "text (public domain; see tiny-text.ts). Configuration, recipe and held-out losses in the meta.",
    ], data)
    print(f"wrote {OUT}: {len(data)} bytes, {size} base64 characters")


if __name__ == "__main__":
    main()
