"""PyTorch and scikit-learn anchors for `npm run bench` (spawned by bench/python-anchors.ts).

Times the same workloads as the Descent side, on the same inputs (written by the caller
into a directory of raw little-endian arrays listed in manifest.json), on one thread:

  matmul   float32 (1024, 1024) @ (1024, 1024), torch.mm, GFLOP/s = 2n³ / time
  mlp      64-128-10 ReLU on standardized digits, 20 epochs, batch 32, Adam(1e-3), cross-entropy
  cnn      conv 1→8 3×3, ReLU, max-pool 2, conv 8→16 3×3, ReLU, max-pool 2, linear 400→10,
           1 epoch over the 10,000 images, batch 64, Adam(1e-3), cross-entropy
  logistic LogisticRegression(max_iter=1000) (lbfgs, L2, C=1) on the standardized training split
  knn      KNeighborsClassifier(5) fit on all of digits, then predict all of digits

Usage: python3 bench/python/anchors.py <data dir>   (prints one JSON object on stdout)

The thread count is pinned to one before NumPy or torch load (OMP/OpenBLAS/MKL variables,
and torch.set_num_threads(1)); OPENBLAS_CORETYPE, if the caller set it, is reported.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def timed(fn):
    """Wall and process-CPU seconds of one call of fn, and its result."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def median_of(fn, warmup, reps):
    """Median wall and CPU seconds over reps calls after warmup calls, and the last result."""
    out = None
    for _ in range(warmup):
        out = fn()
    walls, cpus = [], []
    for _ in range(reps):
        w, c, out = timed(fn)
        walls.append(w)
        cpus.append(c)
    return float(np.median(walls)), float(np.median(cpus)), out


def load(data_dir):
    with open(os.path.join(data_dir, "manifest.json")) as f:
        manifest = json.load(f)
    arrays = {}
    for name, spec in manifest.items():
        a = np.fromfile(os.path.join(data_dir, spec["file"]), dtype=spec["dtype"])
        arrays[name] = a.reshape(spec["shape"])
    return arrays


def bench_matmul(torch):
    n = 1024
    g = torch.Generator().manual_seed(0)
    a = torch.randn(n, n, generator=g, dtype=torch.float32)
    b = torch.randn(n, n, generator=g, dtype=torch.float32)
    wall, cpu, _ = median_of(lambda: torch.mm(a, b), warmup=2, reps=7)
    return {"workload": "matmul", "impl": "pytorch", "seconds": wall, "cpuSeconds": cpu,
            "value": 2 * n**3 / wall / 1e9, "unit": "GFLOP/s", "note": "float32 n=1024, torch.mm"}


def train(torch, model, X, y, epochs, batch, seed):
    """PyTorch's usual loop: shuffle each epoch, Adam(1e-3), cross-entropy. Returns (loss, accuracy) on X after training."""
    nn = torch.nn
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    g = torch.Generator().manual_seed(seed)
    n = X.shape[0]
    for _ in range(epochs):
        perm = torch.randperm(n, generator=g)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(X[idx]), y[idx])
            loss.backward()
            opt.step()
    with torch.no_grad():
        out = model(X)
        return float(loss_fn(out, y)), float((out.argmax(1) == y).float().mean())


def build_cnn(nn):
    """The bench CNN (bench/cnn-data.ts's buildCnn), also used by distributed.py."""
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),    # (N,1,28,28) -> (N,8,13,13)
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),   # -> (N,16,5,5)
        nn.Flatten(), nn.Linear(400, 10))


def bench_training(torch, arrays, task):
    nn = torch.nn
    if task == "mlp":
        X = torch.from_numpy(arrays["mlpX"].copy())
        y = torch.from_numpy(arrays["mlpY"].astype(np.int64))
        build = lambda: nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))  # noqa: E731
        epochs, batch = 20, 32
    else:
        X = torch.from_numpy(arrays["cnnX"].copy()).reshape(-1, 1, 28, 28)
        y = torch.from_numpy(arrays["cnnY"].astype(np.int64))
        build = lambda: build_cnn(nn)  # noqa: E731
        epochs, batch = 1, 64
    torch.manual_seed(0)
    train(torch, build(), X[:4 * batch], y[:4 * batch], 1, batch, 1)  # warm-up, untimed
    torch.manual_seed(0)
    model = build()
    wall, cpu, (loss, acc) = timed(lambda: train(torch, model, X, y, epochs, batch, 0))
    return {"workload": task, "impl": "pytorch", "seconds": wall, "cpuSeconds": cpu, "finalLoss": loss,
            "finalAccuracy": acc, "note": f"{epochs} epoch(s), batch {batch}, Adam(1e-3)"}


def bench_sklearn(arrays):
    from sklearn.linear_model import LogisticRegression
    from sklearn.neighbors import KNeighborsClassifier
    out = []
    Xtr, ytr = arrays["logXtr"], arrays["logYtr"]
    Xte, yte = arrays["logXte"], arrays["logYte"]
    wall, cpu, m = median_of(lambda: LogisticRegression(max_iter=1000).fit(Xtr, ytr), warmup=1, reps=5)
    out.append({"workload": "logistic", "impl": "scikit-learn", "seconds": wall, "cpuSeconds": cpu,
                "quality": float((m.predict(Xte) == yte).mean()), "note": f"lbfgs, {int(m.n_iter_[0])} iterations"})
    X, y = arrays["knnX"], arrays["knnY"]
    wall, cpu, pred = median_of(lambda: KNeighborsClassifier(5).fit(X, y).predict(X), warmup=1, reps=5)
    out.append({"workload": "knn", "impl": "scikit-learn", "seconds": wall, "cpuSeconds": cpu,
                "quality": float((pred == y).mean()), "note": "brute force (64 features)"})
    return out


def main():
    arrays = load(sys.argv[1])
    import sklearn
    import torch
    torch.set_num_threads(1)
    results = [bench_matmul(torch), bench_training(torch, arrays, "mlp"), bench_training(torch, arrays, "cnn")]
    results += bench_sklearn(arrays)
    print(json.dumps({
        "torch": torch.__version__, "sklearn": sklearn.__version__, "threads": torch.get_num_threads(),
        "openblasCoretype": os.environ.get("OPENBLAS_CORETYPE"), "results": results,
    }))


if __name__ == "__main__":
    main()
