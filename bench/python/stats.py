"""statsmodels and SciPy anchors for the `stats` group of `npm run bench` (spawned by
bench/stats.ts). Reads a JSON file {"co2": [...], "sample": [...]} and times, on one thread:

  arima        statsmodels ARIMA(co2, order=(2, 1, 2)).fit()            (default L-BFGS)
  holtwinters  ExponentialSmoothing(co2, trend='add', seasonal='add',
               seasonal_periods=12).fit()                               (SSE by L-BFGS-B)
  bootstrap    scipy.stats.bootstrap((sample,), np.mean, n_resamples=10000,
               method='BCa'), vectorized as SciPy does by default

Prints one JSON object: per task the median wall and CPU milliseconds and a quality figure
(log-likelihood, SSE, interval) so the caller can check both sides fitted the same model.
"""
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import statsmodels  # noqa: E402
from scipy import stats  # noqa: E402
from statsmodels.tsa.arima.model import ARIMA  # noqa: E402
from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: E402

warnings.simplefilter("ignore")


def median_of(fn, warmup=1, reps=5):
    for _ in range(warmup):
        out = fn()
    walls, cpus = [], []
    for _ in range(reps):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return float(np.median(walls)), float(np.median(cpus)), out


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    co2 = np.array(data["co2"])
    sample = np.array(data["sample"])
    out = {"statsmodels": statsmodels.__version__, "scipy": scipy.__version__}
    w, c, r = median_of(lambda: ARIMA(co2, order=(2, 1, 2)).fit())
    out["arima"] = {"medianMs": w, "cpuMedianMs": c, "quality": float(r.llf)}
    w, c, r = median_of(lambda: ExponentialSmoothing(co2, trend="add", seasonal="add", seasonal_periods=12).fit())
    out["holtwinters"] = {"medianMs": w, "cpuMedianMs": c, "quality": float(r.sse)}
    rng = np.random.default_rng(0)
    w, c, r = median_of(lambda: stats.bootstrap((sample,), np.mean, n_resamples=10000, method="BCa", random_state=rng))
    out["bootstrap"] = {"medianMs": w, "cpuMedianMs": c, "quality": [float(r.confidence_interval.low), float(r.confidence_interval.high)]}
    print(json.dumps(out))


main()
