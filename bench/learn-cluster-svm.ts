// k-means and SVC on scikit-learn's digits (1,797 rows × 64 features), against scikit-learn
// measured in the same run when Debian's Python is there (/usr/bin/python3 with
// python3-sklearn; one thread: OMP_NUM_THREADS=OPENBLAS_NUM_THREADS=1), else its figure is n/a.
//
// - KMeans(nClusters 10, nInit 10, k-means++), Lloyd and Elkan, fit; inertia printed, so a
//   fast but worse run would show (seeds differ from scikit-learn's, so inertias differ a little).
// - SVC() (rbf, C = 1, gamma 'scale', tol 1e-3), fit on all of digits + predict on it; training accuracy printed.
//
// CPU time (process.cpuUsage / time.process_time) is the figure to quote: the machine is shared.
// Run with `npx tsx bench/learn-cluster-svm.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadDigits } from '../packages/descent/src/datasets/index.js';
import { KMeans, SVC, accuracyScore } from '../packages/descent/src/learn/index.js';
import { measure } from './timing.js';

export interface ClusterSvmMeasurement {
  task: string;
  impl: 'descent' | 'scikit-learn';
  seconds: number;
  cpuSeconds: number;
  /** Inertia (k-means) or training accuracy (SVC). */
  quality: number;
}

const PYTHON = '/usr/bin/python3';
const SKLEARN = `
import json, time
from sklearn.datasets import load_digits
from sklearn.cluster import KMeans
from sklearn.svm import SVC
X, y = load_digits(return_X_y=True)
out = []
def timed(task, run):
    run()  # warm-up
    best = None
    for _ in range(3):
        w, c = time.perf_counter(), time.process_time()
        q = run()
        w, c = time.perf_counter() - w, time.process_time() - c
        if best is None or c < best[1]: best = (w, c, q)
    out.append({"task": task, "impl": "scikit-learn", "seconds": best[0], "cpuSeconds": best[1], "quality": best[2]})
timed("kmeans lloyd", lambda: KMeans(10, n_init=10, random_state=0).fit(X).inertia_)
timed("kmeans elkan", lambda: KMeans(10, n_init=10, algorithm="elkan", random_state=0).fit(X).inertia_)
timed("svc rbf", lambda: float((SVC().fit(X, y).predict(X) == y).mean()))
print(json.dumps(out))
`;

function sklearnFigures(): ClusterSvmMeasurement[] {
  if (!existsSync(PYTHON)) return [];
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const r = spawnSync(PYTHON, ['-c', SKLEARN], { env, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) return [];
  return JSON.parse(r.stdout) as ClusterSvmMeasurement[];
}

export function benchClusterSvm(progress: (line: string) => void): ClusterSvmMeasurement[] {
  const { data, target } = loadDigits();
  const X = data as number[][];
  const y = Array.from(target as ArrayLike<number>);
  const out: ClusterSvmMeasurement[] = [];
  for (const algorithm of ['lloyd', 'elkan'] as const) {
    progress(`kmeans ${algorithm}: descent`);
    let inertia = NaN;
    const t = measure(() => (inertia = new KMeans({ nClusters: 10, nInit: 10, algorithm, randomState: 0 }).fit(X).inertia_), { warmup: 1, reps: 3 });
    out.push({ task: `kmeans ${algorithm}`, impl: 'descent', seconds: t.medianMs / 1000, cpuSeconds: t.cpuMedianMs / 1000, quality: inertia });
  }
  progress('svc rbf: descent');
  let acc = NaN;
  const t = measure(() => (acc = accuracyScore(y, new SVC().fit(X, y).predict(X))), { warmup: 1, reps: 3 });
  out.push({ task: 'svc rbf', impl: 'descent', seconds: t.medianMs / 1000, cpuSeconds: t.cpuMedianMs / 1000, quality: acc });
  progress('scikit-learn (one thread)');
  return [...out, ...sklearnFigures()];
}

export function clusterSvmTable(ms: ClusterSvmMeasurement[]): string {
  const lines = ['Digits (1797 × 64): KMeans(10 clusters, 10 inits) fit; SVC (rbf) fit + predict. CPU seconds (wall).'];
  lines.push('task           impl           cpu s   (wall s)   quality          Descent ÷ scikit-learn (CPU)');
  for (const m of ms) {
    const sk = ms.find((o) => o.task === m.task && o.impl === 'scikit-learn');
    const ratio = m.impl === 'descent' && sk ? `${(m.cpuSeconds / sk.cpuSeconds).toFixed(1)}× its time` : '';
    lines.push(`${m.task.padEnd(14)} ${m.impl.padEnd(13)} ${m.cpuSeconds.toFixed(3).padStart(6)}   (${m.seconds.toFixed(3)})   ${m.quality.toPrecision(8).padEnd(15)}  ${ratio}`);
  }
  if (!ms.some((m) => m.impl === 'scikit-learn')) lines.push('(scikit-learn: n/a, /usr/bin/python3 with scikit-learn not found)');
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(clusterSvmTable(benchClusterSvm((l) => console.error(`  ${l}`))));
}
