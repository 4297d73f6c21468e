// Trees and ensembles on scikit-learn's digits (1,797 × 64, 10 classes); rows with
// i % 5 == 0 are held out. One timed run each (these take seconds), CPU time from
// process.cpuUsage (the machine is shared, so wall time is less telling):
//
//  - RandomForestClassifier, 100 trees, fit on the training rows + predict the held-out ones;
//  - GradientBoostingClassifier, defaults (100 stages × 10 trees of depth 3), fit;
//  - HistGradientBoostingClassifier, defaults (100 iterations × 10 trees of ≤ 31 leaves), fit.
//
// When Debian's Python with scikit-learn is at /usr/bin/python3, the same three are timed
// there too (one thread: OMP_NUM_THREADS=1, process_time) for reference; CI does not need it.
//
// Run with `npx tsx bench/learn-trees.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadDigits } from '../packages/descent/src/datasets/index.js';
import { GradientBoostingClassifier, HistGradientBoostingClassifier, RandomForestClassifier } from '../packages/descent/src/learn/index.js';

interface Row { task: string; cpuS: number; accuracy: number }

function cpu<T>(f: () => T): [T, number] {
  const t0 = process.cpuUsage();
  const out = f();
  const t = process.cpuUsage(t0);
  return [out, (t.user + t.system) / 1e6];
}

const { data, target } = loadDigits();
const test = (i: number) => i % 5 === 0;
const Xtr = data.filter((_, i) => !test(i));
const ytr = target.filter((_, i) => !test(i));
const Xte = data.filter((_, i) => test(i));
const yte = target.filter((_, i) => test(i));
const acc = (p: readonly unknown[]) => p.filter((v, i) => v === yte[i]).length / yte.length;

const rows: Row[] = [];
{
  const [pred, s] = cpu(() => new RandomForestClassifier({ nEstimators: 100, randomState: 0 }).fit(Xtr, ytr).predict(Xte));
  rows.push({ task: 'RandomForestClassifier(100) fit + predict', cpuS: s, accuracy: acc(pred) });
}
{
  const [m, s] = cpu(() => new GradientBoostingClassifier({ randomState: 0 }).fit(Xtr, ytr));
  rows.push({ task: 'GradientBoostingClassifier fit', cpuS: s, accuracy: acc(m.predict(Xte)) });
}
{
  const [m, s] = cpu(() => new HistGradientBoostingClassifier({ randomState: 0 }).fit(Xtr, ytr));
  rows.push({ task: 'HistGradientBoostingClassifier fit', cpuS: s, accuracy: acc(m.predict(Xte)) });
}

const PY = `
import time, json, numpy as np
from sklearn.datasets import load_digits
from sklearn.ensemble import RandomForestClassifier, GradientBoostingClassifier, HistGradientBoostingClassifier
X, y = load_digits(return_X_y=True); m = np.arange(len(y)) % 5 != 0
out = []
t = time.process_time(); p = RandomForestClassifier(n_estimators=100, random_state=0).fit(X[m], y[m]).predict(X[~m]); out.append(time.process_time() - t)
for cls in (GradientBoostingClassifier, HistGradientBoostingClassifier):
    t = time.process_time(); cls(random_state=0).fit(X[m], y[m]); out.append(time.process_time() - t)
print(json.dumps(out))
`;
let sk: number[] | null = null;
if (existsSync('/usr/bin/python3')) {
  const r = spawnSync('/usr/bin/python3', ['-c', PY], { env: { ...process.env, OMP_NUM_THREADS: '1' }, encoding: 'utf8' });
  if (r.status === 0) sk = JSON.parse(r.stdout.trim()) as number[];
}
console.log('| digits (1,437 train rows) | Descent, CPU s | held-out accuracy | scikit-learn 1.2.1, CPU s (1 thread) | Descent ÷ scikit-learn |');
console.log('|---|---|---|---|---|');
rows.forEach((r, i) => {
  const ref = sk ? sk[i] : null;
  console.log(`| ${r.task} | ${r.cpuS.toFixed(2)} | ${r.accuracy.toFixed(3)} | ${ref === null ? 'n/a' : ref.toFixed(2)} | ${ref === null ? 'n/a' : (r.cpuS / ref).toFixed(2) + '×'} |`);
});
