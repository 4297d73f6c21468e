/**
 * The feature pipeline itself, meant to run in a child process whose V8 heap is capped
 * (`run-pipeline.ts` starts it with `--max-old-space-size`): writes the Parquet events if
 * they are not there yet, aggregates per-user features in DuckDB under a memory limit, trains
 * a logistic regression on a sample of users and scores it on held-out users, sampling the
 * process's memory every 50 ms. Prints one JSON object on stdout.
 *
 *   tsx tools/bigdata/feature-pipeline.ts --dir /tmp/events --scale 1 --memory-limit 256MB
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parseArgs } from 'node:util';
import { FEATURE_COLUMNS } from 'descent/bigdata';
import { LogisticRegression, StandardScaler, accuracyScore, rocAucScore } from 'descent/learn';
import { directoryBytes, eventPaths, openDuckDB, writeEventData, writeFeatures } from 'descent/node';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    scale: { type: 'string', default: '1' },
    'memory-limit': { type: 'string', default: '256MB' },
    threads: { type: 'string', default: '2' },
    'train-users': { type: 'string', default: '20000' },
  },
});
if (values.dir === undefined) throw new Error('feature-pipeline: pass --dir, the data directory');
const dir = values.dir;
const scale = Number(values.scale);

interface Sample { t: number; phase: string; rss: number; heapUsed: number; external: number }
const profile: Sample[] = [];
const start = performance.now();
let phase = 'start';
const sample = () => {
  const m = process.memoryUsage();
  profile.push({ t: Math.round(performance.now() - start), phase, rss: m.rss, heapUsed: m.heapUsed, external: m.external });
};
// DuckDB works on its own native threads, so this timer keeps firing during a query.
const timer = setInterval(sample, 50);
const phases: { name: string; wallMs: number; cpuMs: number }[] = [];
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  phase = name;
  sample();
  const t0 = performance.now(), c0 = process.cpuUsage();
  const out = await fn();
  const c = process.cpuUsage(c0);
  phases.push({ name, wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000) });
  sample();
  return out;
}

const db = await openDuckDB({ memoryLimit: values['memory-limit'], threads: Number(values.threads), tempDirectory: join(dir, 'spill') });
// Rows may be written in any order: lets COPY stream without buffering to keep the order.
await db.run('SET preserve_insertion_order = false');
const data = await step('generate', async () => {
  if (existsSync(join(dir, 'labels.parquet'))) return { reused: true, bytes: directoryBytes(join(dir, 'events')) };
  return { reused: false, ...(await writeEventData(db, dir, scale)) };
});
const [counts] = await db.rows(`SELECT count(*) AS events, count(DISTINCT user_id) AS users FROM read_parquet('${eventPaths(dir).events}')`);
const users = await step('features', () => writeFeatures(db, dir));

// Train and test sets are disjoint hash samples of the users, read from features.parquet:
// what enters the JavaScript heap is bounded by --train-users, whatever the scale.
const limit = Number(values['train-users']);
const read = async (where: string, n: number) => {
  const cols = await db.columns(`SELECT ${FEATURE_COLUMNS.join(', ')}, converted FROM read_parquet('${eventPaths(dir).features}') WHERE ${where} ORDER BY user_id LIMIT ${n}`);
  const X = (cols[FEATURE_COLUMNS[0]] ?? []).map((_, i) => FEATURE_COLUMNS.map((c) => Number(cols[c]![i])));
  return { X, y: cols.converted!.map(Number) };
};
const model = await step('train', async () => {
  const train = await read('hash(user_id) % 4 <> 0', limit);
  const test = await read('hash(user_id) % 4 = 0', Math.ceil(limit / 2));
  const scaler = new StandardScaler().fit(train.X);
  const clf = new LogisticRegression({ maxIter: 300 }).fit(scaler.transform(train.X), train.y);
  const Xt = scaler.transform(test.X);
  const proba = clf.predictProba(Xt).map((p) => p[1]!);
  const pred = clf.predict(Xt) as number[];
  const rate = train.y.reduce((a, b) => a + b, 0) / train.y.length;
  const majority = rate >= 0.5 ? 1 : 0;
  return {
    trainUsers: train.y.length, testUsers: test.y.length, positiveRate: rate,
    accuracy: accuracyScore(test.y, pred), auc: rocAucScore(test.y, proba),
    baselineAccuracy: accuracyScore(test.y, test.y.map(() => majority)), baselineAuc: 0.5,
  };
});
clearInterval(timer);
sample();
db.close();

const peak = (k: 'rss' | 'heapUsed' | 'external') => Math.max(...profile.map((s) => s[k]));
console.log(JSON.stringify({
  data: { ...data, events: counts!.events, users: counts!.users, featureUsers: users },
  memoryLimit: values['memory-limit'],
  heapLimit: getHeapStatistics().heap_size_limit,
  peak: { rss: peak('rss'), heapUsed: peak('heapUsed'), external: peak('external'), maxRssKernel: process.resourceUsage().maxRSS * 1024 },
  phases, model, profile,
}));
