"""scikit-learn's text vectorizers on the corpus bench/text.ts writes: median seconds per call.

Usage: /usr/bin/python3 bench/python/text.py corpus.json  (prints one JSON object)
"""
import json
import sys
import time

from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer, TfidfVectorizer

docs = json.load(open(sys.argv[1]))
TASKS = {
    "count-1-2": lambda: CountVectorizer(ngram_range=(1, 2)).fit_transform(docs),
    "tfidf": lambda: TfidfVectorizer(sublinear_tf=True).fit_transform(docs),
    "hashing": lambda: HashingVectorizer(n_features=2**18).transform(docs),
    "char-wb-2-4": lambda: CountVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit_transform(docs),
}
out = {}
for name, run in TASKS.items():
    X = run()
    walls, cpus = [], []
    for _ in range(5):
        w0, c0 = time.perf_counter(), time.process_time()
        X = run()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    out[name] = {"medianMs": sorted(walls)[2] * 1e3, "cpuMedianMs": sorted(cpus)[2] * 1e3,
                 "nnz": int(X.nnz), "sum": float(X.sum()), "shape": list(X.shape)}
print(json.dumps(out))
