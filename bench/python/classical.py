"""scikit-learn's side of bench/learn-classical.ts (spawned by it): the same classical-ML
workloads on the same digits, one thread, CPU time from time.process_time.

    python3 bench/python/classical.py forest boosting kmeans svc tsne   (prints JSON on stdout)

  forest    RandomForestClassifier(n_estimators=100) fit on rows i % 5 != 0 + predict the rest,
            and one DecisionTreeClassifier the same way
  boosting  GradientBoostingClassifier and HistGradientBoostingClassifier fit (defaults)
  kmeans    KMeans(10, n_init=10) fit on all of digits, lloyd and elkan; quality = inertia
  svc       SVC() fit + predict on all of digits; quality = training accuracy
  tsne      TSNE() (Barnes-Hut, perplexity 30, pca init) on the first 1,000 digits;
            quality = trustworthiness (k = 5)
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402


def timed(group, task, run, reps):
    """Median wall and CPU seconds over reps calls (after one warm-up call when reps > 1)."""
    if reps > 1:
        run()
    walls, cpus, q = [], [], None
    for _ in range(reps):
        w, c = time.perf_counter(), time.process_time()
        q = run()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return {"group": group, "task": task, "impl": "scikit-learn", "seconds": float(np.median(walls)),
            "cpuSeconds": float(np.median(cpus)), "quality": float(q)}


def main():
    import sklearn
    from sklearn.cluster import KMeans
    from sklearn.datasets import load_digits
    from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier
    from sklearn.manifold import TSNE, trustworthiness
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    X, y = load_digits(return_X_y=True)
    tr = np.arange(len(y)) % 5 != 0
    Xtr, ytr, Xte, yte = X[tr], y[tr], X[~tr], y[~tr]
    acc = lambda p, t: float((p == t).mean())  # noqa: E731
    out = []
    groups = sys.argv[1:]
    if "forest" in groups:
        out.append(timed("forest", "RandomForest(100) fit+predict", lambda: acc(RandomForestClassifier(100, random_state=0).fit(Xtr, ytr).predict(Xte), yte), 3))
        out.append(timed("forest", "one decision tree fit+predict", lambda: acc(DecisionTreeClassifier(random_state=0).fit(Xtr, ytr).predict(Xte), yte), 5))
    if "boosting" in groups:
        out.append(timed("boosting", "GradientBoosting fit", lambda: acc(GradientBoostingClassifier(random_state=0).fit(Xtr, ytr).predict(Xte), yte), 1))
        out.append(timed("boosting", "HistGradientBoosting fit", lambda: acc(HistGradientBoostingClassifier(random_state=0).fit(Xtr, ytr).predict(Xte), yte), 1))
    if "kmeans" in groups:
        for algorithm in ("lloyd", "elkan"):
            out.append(timed("kmeans", f"KMeans(10, nInit 10) {algorithm}", lambda a=algorithm: KMeans(10, n_init=10, algorithm=a, random_state=0).fit(X).inertia_, 3))
    if "svc" in groups:
        out.append(timed("svc", "SVC(rbf) fit+predict", lambda: acc(SVC().fit(X, y).predict(X), y), 3))
    if "tsne" in groups:
        X1 = X[:1000]
        out.append(timed("tsne", "t-SNE 1,000 digits (Barnes-Hut)", lambda: trustworthiness(X1, TSNE(random_state=0).fit_transform(X1), n_neighbors=5), 1))
    print(json.dumps({"sklearn": sklearn.__version__, "results": out}))


if __name__ == "__main__":
    main()
