"""hnswlib (Debian's python3-hnswlib, the authors' C++ library) on the vectors bench/vector-search.ts
writes, one thread: build CPU seconds, and queries/s with recall@10 (against NumPy brute force)
at each efSearch.

Usage: /usr/bin/python3 bench/python/vector_search.py data.bin n q d M efConstruction ef1,ef2,...
(data.bin: n·d then q·d float32, row-major; prints one JSON object)
"""
import json
import sys
import time

import hnswlib
import numpy as np

path, n, q, d, M, efc, efs = sys.argv[1], *map(int, sys.argv[2:7]), [int(e) for e in sys.argv[7].split(",")]
raw = np.fromfile(path, dtype=np.float32)
X, Q = raw[: n * d].reshape(n, d), raw[n * d:].reshape(q, d)
d2 = (Q * Q).sum(1)[:, None] - 2 * Q @ X.T + (X * X).sum(1)[None, :]
truth = np.argsort(d2, axis=1)[:, :10]

index = hnswlib.Index(space="l2", dim=d)
index.set_num_threads(1)
c0 = time.process_time()
index.init_index(max_elements=n, M=M, ef_construction=efc, random_seed=0)
index.add_items(X, np.arange(n), num_threads=1)
build = time.process_time() - c0
rows = []
for ef in efs:
    index.set_ef(ef)
    c0 = time.process_time()
    labels, _ = index.knn_query(Q, k=10, num_threads=1)
    cpu = time.process_time() - c0
    recall = np.mean([len(set(labels[i]) & set(truth[i])) / 10 for i in range(q)])
    rows.append({"ef": ef, "qps": q / cpu, "recall": float(recall)})
print(json.dumps({"buildCpuS": build, "rows": rows}))
