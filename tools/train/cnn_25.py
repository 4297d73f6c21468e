"""Trains the convolutional networks of lesson 25 and their baselines, and ships the weights.

Run with Debian's Python (python3-torch, python3-sklearn, and for Fashion-MNIST
`apt-get install dataset-fashion-mnist`):
    /usr/bin/python3 tools/train/cnn_25.py

Why shipped weights: the lesson must run in well under 30 s on a 2-core machine, and
training these networks to convergence takes minutes (digits) or needs the full
60,000-image Fashion-MNIST training set, which does not ship. The lesson loads the weights,
checks the accuracies recorded here against its own evaluation, trains the same digits CNN
from scratch for one epoch beside them, and continues training the shipped Fashion-MNIST CNN.

Writes packages/descent/src/datasets/data/pretrained-cnn-25.ts (descent-state, float32):
  digits.cnn.*    the lesson's digits CNN, trained on the digits whose index i has i % 5 != 4
  digits.mlp.*    the MLP baseline, same data, same optimizer and epochs
  fashion.cnn.*   a 28×28 CNN trained on all 60,000 Fashion-MNIST training images
  fashion.linear.* softmax regression on the same 60,000 images, same optimizer and epochs
Accuracies on the lesson's test images go into the file's meta; test/datasets/pretrained.test.ts
checks that Descent reproduces them from the shipped weights.
"""
import gzip
import os
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from descent_state import descent_state_bytes, write_module  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "packages", "descent", "src", "datasets", "data", "pretrained-cnn-25.ts")
FASHION = "/usr/share/datasets/fashion-mnist"
SUBSET = os.path.join(ROOT, "packages", "descent", "test", "fixtures", "fashion-mnist.json")
nn = torch.nn
torch.set_num_threads(1)


def digits_cnn():
    # 8×8 → conv 3×3 pad 1 → 8×8 → pool → 4×4 → conv 3×3 pad 1 → 4×4 → pool → 2×2: no row or column dropped.
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(128, 10))


def digits_mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 10))


def fashion_cnn():
    # 28 → 14 → 7: two exact halvings, then a linear read-out of 32 channels × 7 × 7.
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 10))


def fashion_linear():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 10))


def train(model, X, y, epochs, batch, lr, seed):
    """Adam with a cosine-decayed learning rate, shuffled batches from a seeded generator."""
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * ((len(X) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    model.train()
    for _ in range(epochs):
        perm = torch.randperm(len(X), generator=g)
        for i in range(0, len(X), batch):
            idx = perm[i:i + batch]
            loss = nn.functional.cross_entropy(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    return model


def accuracy(model, X, y):
    with torch.no_grad():
        return float((model(X).argmax(1) == y).float().mean())


def descent_names(prefix, model):
    """PyTorch's state dict under the module's prefix. Descent's BatchNorm buffers carry
    PyTorch's names (running_mean, running_var, num_batches_tracked), so no renaming."""
    return {f"{prefix}.{k}": v.detach().numpy() for k, v in model.state_dict().items()}


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def main():
    torch.manual_seed(0)
    digits = load_digits()
    X = torch.tensor(digits.data / 16, dtype=torch.float32).reshape(-1, 1, 8, 8)
    y = torch.tensor(digits.target)
    test = torch.arange(len(X)) % 5 == 4                       # every fifth digit is a test digit
    Xa, ya, Xb, yb = X[~test], y[~test], X[test], y[test]
    cnn = train(digits_cnn(), Xa, ya, epochs=40, batch=32, lr=3e-3, seed=1)
    mlp = train(digits_mlp(), Xa, ya, epochs=40, batch=32, lr=3e-3, seed=1)
    shifted = nn.functional.pad(Xb, (1, 0, 0, 0))[..., :8]     # one pixel to the right
    meta = {
        "digits": {
            "split": f"test = the {int(test.sum())} digits with index % 5 == 4, train = the other {int((~test).sum())}",
            "recipe": "Adam lr 3e-3, cosine decay, 40 epochs, batch 32, no augmentation",
            "cnnTestAccuracy": accuracy(cnn, Xb, yb), "mlpTestAccuracy": accuracy(mlp, Xb, yb),
            "cnnShiftedAccuracy": accuracy(cnn, shifted, yb), "mlpShiftedAccuracy": accuracy(mlp, shifted, yb),
        },
    }
    state = {**descent_names("digits.cnn", cnn), **descent_names("digits.mlp", mlp)}
    print(meta, flush=True)

    images = torch.tensor(read_idx(os.path.join(FASHION, "train-images-idx3-ubyte.gz")) / 255, dtype=torch.float32).reshape(-1, 1, 28, 28)
    labels = torch.tensor(read_idx(os.path.join(FASHION, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    t_images = torch.tensor(read_idx(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz")) / 255, dtype=torch.float32).reshape(-1, 1, 28, 28)
    t_labels = torch.tensor(read_idx(os.path.join(FASHION, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
    import json
    subset_idx = torch.tensor(json.load(open(SUBSET))["test"]["indices"])   # the 200 shipped test images
    epochs = int(os.environ.get("FASHION_EPOCHS", "2"))
    fcnn = train(fashion_cnn(), images, labels, epochs=epochs, batch=64, lr=3e-3, seed=2)
    flin = train(fashion_linear(), images, labels, epochs=epochs, batch=64, lr=3e-3, seed=2)
    meta["fashion"] = {
        "train": "all 60,000 Fashion-MNIST training images (pixel / 255)",
        "recipe": f"Adam lr 3e-3, cosine decay, {epochs} epochs, batch 64, no augmentation",
        "cnnSubsetAccuracy": accuracy(fcnn, t_images[subset_idx], t_labels[subset_idx]),
        "linearSubsetAccuracy": accuracy(flin, t_images[subset_idx], t_labels[subset_idx]),
        "cnnFullTestAccuracy": accuracy(fcnn, t_images, t_labels),
        "linearFullTestAccuracy": accuracy(flin, t_images, t_labels),
    }
    state.update(descent_names("fashion.cnn", fcnn))
    state.update(descent_names("fashion.linear", flin))
    print(meta, flush=True)
    data = descent_state_bytes(state, meta)
    n = write_module(OUT, "cnn-25", "tools/train/cnn_25.py", [
        "Weights for lesson 25: a digits CNN and MLP trained on the digits with index % 5 != 4, and a",
        "Fashion-MNIST CNN and softmax regression trained on the 60,000 training images (Xiao, Rasul &",
        "Vollgraf 2017, Zalando, MIT licence; from Debian's dataset-fashion-mnist). Accuracies in the meta.",
    ], data)
    print(f"wrote {OUT}: {len(data)} bytes, {n} base64 characters")


if __name__ == "__main__":
    main()
