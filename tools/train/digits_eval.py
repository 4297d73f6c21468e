"""Shared by the digits generators' training scripts (gan_digits.py, ddpm_digits.py): the
data split, and the sample-quality statistics their tests reproduce in Descent.

The judge is lesson 25's digits CNN, read from the shipped weights file `cnn-25`
(packages/descent/src/datasets/data/pretrained-cnn-25.ts, written by cnn_25.py), so PyTorch and
Descent classify samples with the very same network. For n samples it reports

  classesCovered  classes predicted for at least a quarter of their fair share, n / 40 samples
  meanConfidence  the mean over samples of the classifier's largest softmax probability
  confident       the fraction of samples whose largest probability is >= 0.9

A sample that looks like no digit spreads the classifier's probability; a collapsed generator
covers few classes. Neither number alone is a likelihood, so the tests compare them with the
same numbers for baselines that keep every pixel's marginal but not how pixels go together.
"""
import base64
import json
import os
import re
import struct

import numpy as np
import torch
from sklearn.datasets import load_digits

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
nn = torch.nn


def digits_train():
    """Pixels / 16 in [0, 1], (n, 64): the digits with index % 5 != 4 (cnn_25.py's training split)."""
    X = load_digits().data / 16
    keep = np.arange(len(X)) % 5 != 4
    return torch.tensor(X[keep], dtype=torch.float32)


def read_descent_state(path):
    """The tensors of a generated weights module, as {name: torch tensor}."""
    text = open(path).read()
    b64 = "".join(re.findall(r"^  '([^']*)',$", text, flags=re.M))
    raw = base64.b64decode(b64)
    (h,) = struct.unpack("<I", raw[8:12])
    header = json.loads(raw[12:12 + h])
    start = -(-(12 + h) // 8) * 8
    out = {}
    for e in header["tensors"]:
        n = int(np.prod(e["shape"])) if e["shape"] else 1
        a = np.frombuffer(raw, dtype="<f4", count=n, offset=start + e["offset"]).reshape(e["shape"])
        out[e["name"]] = torch.tensor(a.copy())
    return out


def judge():
    """Lesson 25's digits CNN with the shipped weights, in eval mode."""
    cnn = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128, 10))
    state = read_descent_state(os.path.join(ROOT, "packages", "descent", "src", "datasets", "data", "pretrained-cnn-25.ts"))
    sd = {k[len("digits.cnn."):]: v for k, v in state.items() if k.startswith("digits.cnn.")}
    sd = {k: (v.long() if k.endswith("num_batches_tracked") else v) for k, v in sd.items()}
    cnn.load_state_dict(sd)
    return cnn.eval()


def sample_quality(cnn, samples):
    """samples (n, 64) in [0, 1] -> the three statistics above and the per-class counts."""
    with torch.no_grad():
        p = torch.softmax(cnn(samples.clamp(0, 1).reshape(-1, 1, 8, 8)), dim=1)
    top, cls = p.max(dim=1)
    counts = torch.bincount(cls, minlength=10)
    n = len(samples)
    return {
        "classesCovered": int((counts >= n / 40).sum()),
        "meanConfidence": float(top.mean()),
        "confident": float((top >= 0.9).float().mean()),
        "counts": counts.tolist(),
    }


def independent_pixels(X, n, gen):
    """The baseline: each pixel drawn on its own from a Gaussian with that pixel's training mean
    and standard deviation, clipped to [0, 1]."""
    return (X.mean(0) + X.std(0) * torch.randn(n, X.shape[1], generator=gen)).clamp(0, 1)
