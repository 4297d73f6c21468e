// Recommenders and sketches: CPU time to fit each descent/recommend model on a simulated
// ratings set of 2,000 users × 1,000 items (~50,000 ratings), and the throughput of the
// descent/stream sketches on one million values. CPU time (process.cpuUsage) is reported
// beside wall time because the bench machine is shared. Run alone with
// `npx tsx bench/recommend.ts`; not part of `npm run bench`'s groups (yet).
import { makeRatings } from '../packages/descent/src/datasets/index.js';
import { ALS, BPR, FunkSVD, ImplicitALS, ItemKNN, UserKNN } from '../packages/descent/src/recommend/index.js';
import { CountMinSketch, HyperLogLog, RunningStats, TDigest } from '../packages/descent/src/stream/index.js';
import { measure } from './timing.js';

const data = makeRatings({ nUsers: 2000, nItems: 1000, ratingsPerUser: 25, seed: 0 });
const rows: Record<string, string | number>[] = [];
const models: Record<string, () => unknown> = {
  'ItemKNN (k = 20)': () => new ItemKNN({ k: 20 }).fit(data),
  'UserKNN (k = 20)': () => new UserKNN({ k: 20 }).fit(data),
  'ALS (f = 16, 15 sweeps)': () => new ALS({ factors: 16 }).fit(data),
  'FunkSVD (f = 16, 30 epochs)': () => new FunkSVD({ factors: 16 }).fit(data),
  'ImplicitALS (f = 16, 15 sweeps)': () => new ImplicitALS({ factors: 16 }).fit(data),
  'BPR (f = 16, 30 epochs)': () => new BPR({ factors: 16 }).fit(data),
};
for (const [name, fit] of Object.entries(models)) {
  const t = measure(fit, { warmup: 1, reps: 3 });
  rows.push({ task: `fit ${name}`, ratings: data.values.length, 'wall ms': +t.medianMs.toFixed(1), 'cpu ms': +t.cpuMedianMs.toFixed(1) });
}
const N = 1_000_000;
const sketches: Record<string, () => unknown> = {
  RunningStats: () => { const s = new RunningStats(); for (let i = 0; i < N; i++) s.push(i % 977); return s; },
  'CountMinSketch (ε 1e-3, δ 1e-2)': () => { const s = CountMinSketch.fromError(1e-3, 1e-2); for (let i = 0; i < N; i++) s.add(i % 9973); return s; },
  'HyperLogLog (p = 12)': () => { const s = new HyperLogLog(12); for (let i = 0; i < N; i++) s.add(i); return s; },
  'TDigest (δ = 100)': () => { const s = new TDigest(100); for (let i = 0; i < N; i++) s.push((i * 7919) % 100003); return s.quantile(0.99); },
};
for (const [name, run] of Object.entries(sketches)) {
  const t = measure(run, { warmup: 1, reps: 3 });
  rows.push({ task: `${name}: 1e6 values`, 'wall ms': +t.medianMs.toFixed(1), 'cpu ms': +t.cpuMedianMs.toFixed(1), 'M values/s (cpu)': +(N / t.cpuMedianMs / 1e3).toFixed(2) });
}
console.table(rows);
