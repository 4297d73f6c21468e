/**
 * `descent serve` as a person runs it: the real command is spawned on a saved estimator,
 * requests go over HTTP (valid batches, arrays and named objects; invalid ones refused with
 * the schema's reason), /healthz, /readyz and /metrics are read, and SIGTERM arrives while
 * a large batch is being predicted: that request still gets its full answer, then the
 * process exits 0. An nn model exported to ONNX is served in-process (inject).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNeighborsClassifier } from 'descent/learn';
import { Linear, ReLU, Sequential } from 'descent/nn';
import { exportOnnx } from 'descent/onnx';
import { manualSeed, randn, tensor } from 'descent/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLiteTrackStore } from 'descent/node';
import { Tracker, fitTracked } from 'descent/track';
import { loadModelFile, loadRegisteredModel, modelFromBytes } from '../src/serve/model.js';
import { buildPredictionServer } from '../src/serve/server.js';
import type { Accounts } from '../src/server/auth/accounts.js';
import { buildServer } from '../src/server/index.js';
import { FIXTURE_LESSONS, tempDir } from './helpers.js';

const DESCENT = fileURLToPath(new URL('../../lessons/bin/descent.mjs', import.meta.url));
const tmp = tempDir('descent-serve-');
afterAll(() => tmp.cleanup());

/** A seeded LCG so the data is the same on every run. */
function rows(n: number, seed: number): number[][] {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, () => [u(), u(), u(), u()]);
}
const label = (r: number[]) => (r[0]! + r[1]! * r[2]! > 0 ? 1 : 0);

let child: ChildProcessWithoutNullStreams;
let out = '';
let url = '';
let exited: Promise<number | null>;
// KNN predicts in O(train × batch): a 6000-row batch takes long enough to be in flight at SIGTERM.
const Xtrain = rows(2000, 1);
const model = new KNeighborsClassifier({ nNeighbors: 5 }).fit(Xtrain, Xtrain.map(label));

function waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = out.match(pattern);
      if (m) {
        clearInterval(timer);
        clearTimeout(deadline);
        resolve(m);
      }
    };
    const timer = setInterval(check, 20);
    const deadline = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`Timed out waiting for ${pattern}. Output:\n${out.slice(-2000)}`));
    }, timeoutMs);
    check();
  });
}

const post = (body: unknown) => fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  const path = join(tmp.dir, 'knn.json');
  writeFileSync(path, JSON.stringify(model));
  child = spawn(process.execPath, [DESCENT, 'serve', path, '--port', '0', '--features', 'a,b,c,d', '--verbose'], { stdio: ['pipe', 'pipe', 'pipe'] }) as ChildProcessWithoutNullStreams;
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  exited = new Promise((r) => child.on('exit', (code) => r(code)));
  url = (await waitFor(/at (http:\/\/127\.0\.0\.1:\d+)\/predict/))[1]!;
}, 90_000);
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('descent serve (a spawned process)', () => {
  it('answers health, readiness and its schema', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const schema = await (await fetch(`${url}/schema`)).json() as { kind: string; input: unknown };
    expect(schema.kind).toBe('KNeighborsClassifier');
    expect(schema.input).toEqual({ nFeatures: 4, featureNames: ['a', 'b', 'c', 'd'] });
  });

  it('predicts a batch of arrays or named objects exactly as the model does in process', async () => {
    const X = rows(50, 7);
    const res = await post({ instances: X });
    expect(res.status).toBe(200);
    const body = await res.json() as { predictions: number[]; probabilities: number[][] };
    expect(body.predictions).toEqual(Array.from(model.predict(X)));
    expect(body.probabilities).toEqual(model.predictProba(X));
    const named = await (await post({ instances: X.slice(0, 3).map(([a, b, c, d]) => ({ d, c, b, a })) })).json() as { predictions: number[] };
    expect(named.predictions).toEqual(body.predictions.slice(0, 3));
  });

  it('refuses requests the input schema does not allow, saying why', async () => {
    const cases: [unknown, RegExp][] = [
      [{ instances: [[1, 2, 3]] }, /body\/instances\/0 must NOT have fewer than 4 items/],
      [{ instances: [[1, 2, 3, '4']] }, /body\/instances\/0\/3 must be number/],
      [{ rows: [[1, 2, 3, 4]] }, /must have required property 'instances'/],
      [{ instances: [] }, /body\/instances must NOT have fewer than 1 items/],
      [{ instances: [{ a: 1, b: 2, c: 3 }] }, /Invalid request/],
    ];
    for (const [body, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json() as { error: string }).error).toMatch(message);
    }
    const text = await fetch(`${url}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"instances": [[1,2' });
    expect(text.status).toBe(400);
  });

  it('exposes prediction counts and a latency histogram in Prometheus text format', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^descent_predictions_total\{model="[^"]+knn\.json"\} 53$/m);
    expect(text).toContain('# TYPE descent_http_request_duration_seconds histogram');
    const buckets = [...text.matchAll(/descent_http_request_duration_seconds_bucket\{[^}]*route="\/predict",le="([^"]+)"\} (\d+)/g)].map((m) => Number(m[2]));
    expect(buckets.length).toBeGreaterThan(5);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]).toBeGreaterThanOrEqual(buckets[i - 1]!); // cumulative
    const count = Number(/descent_http_request_duration_seconds_count\{[^}]*route="\/predict"\} (\d+)/.exec(text)![1]);
    expect(buckets[buckets.length - 1]).toBe(count); // le="+Inf" equals the count
    expect(count).toBe(8); // 2 good + 6 refused
    expect(text).toMatch(/descent_http_requests_total\{[^}]*route="\/predict",status="400"\} 6/);
  });

  it('drains on SIGTERM: the request in flight gets its full answer, then the process exits 0', async () => {
    const big = rows(6000, 3);
    const before = (out.match(/incoming request/g) ?? []).length;
    const pending = post({ instances: big });
    await waitFor(new RegExp(`(?:incoming request[\\s\\S]*){${before + 1}}`));
    child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect((await res.json() as { predictions: number[] }).predictions).toHaveLength(6000);
    expect(await exited).toBe(0);
    expect(out).toMatch(/SIGTERM: draining/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 60_000);
});

describe('serving an nn model exported to ONNX', () => {
  it('validates against the graph input width and predicts as the module does', async () => {
    manualSeed(0);
    const net = new Sequential(new Linear(3, 8), new ReLU(), new Linear(8, 1));
    net.eval();
    const served = modelFromBytes(exportOnnx(net, randn([2, 3])), 'net.onnx');
    expect(served.input).toEqual({ nFeatures: 3, featureNames: null });
    const app = await buildPredictionServer({ model: served, maxBatch: 4 });
    const X = [[0.1, -0.2, 0.3], [1, 2, 3]];
    const res = await app.inject({ method: 'POST', url: '/predict', payload: { instances: X } });
    const expected = (net.forward(tensor(X)).toArray() as number[][]).map((r) => r[0]!);
    const got = res.json<{ predictions: number[] }>().predictions;
    got.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    expect((await app.inject({ method: 'POST', url: '/predict', payload: { instances: Array(5).fill([1, 2, 3]) } })).json<{ error: string }>().error)
      .toMatch(/must NOT have more than 4 items/);
    await app.close();
    expect(app.draining).toBe(true);
  });
});

describe('loading what to serve', () => {
  it('serves the production version of a registered model from a tracking database', () => {
    const db = join(tmp.dir, 'track.db');
    const store = new SQLiteTrackStore(db);
    const tracker = new Tracker({ store, experiment: 'serve' });
    const X = rows(300, 11);
    for (const k of [1, 15]) {
      const run = tracker.startRun({ name: `knn ${k}` });
      fitTracked(run, new KNeighborsClassifier({ nNeighbors: k }), X, X.map(label));
      run.end();
      tracker.registry.register('knn', { runId: run.runId });
    }
    tracker.registry.transition('knn', 2, 'production');
    store.close();
    const served = loadRegisteredModel(db, 'knn', 'production');
    expect(served.name).toBe('knn@production');
    const probe = rows(20, 12);
    const expected = new KNeighborsClassifier({ nNeighbors: 15 }).fit(X, X.map(label)).predict(probe);
    expect(served.predict(probe).predictions).toEqual(Array.from(expected));
    expect(() => loadRegisteredModel(db, 'knn', 'staging')).toThrow(/model 'knn' has no version in stage 'staging'/);
  });

  it('in a class database, serves the model of the learner --user names', async () => {
    // Two learners each register a "knn" v1 in production from a lesson cell (POST /api/runs).
    const db = join(tmp.dir, 'class.db');
    const app = await buildServer({ dbPath: db, lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client'), classMode: true, backup: false }) as Awaited<ReturnType<typeof buildServer>> & { accounts: Accounts };
    const X = rows(300, 21);
    for (const [learner, k] of [['ada', 1], ['bob', 15]] as const) {
      await app.accounts.createUser(learner, `${learner}'s long password`, 'learner');
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: '127.0.0.1' }, payload: { username: learner, password: `${learner}'s long password` } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const fitted = JSON.stringify(new KNeighborsClassifier({ nNeighbors: k }).fit(X, X.map(label)));
      const run = {
        runId: `${k}`.padStart(32, '0'), experiment: 'serve', name: `knn ${k}`, status: 'FINISHED', startTime: 1, endTime: 2, params: {}, tags: {}, metrics: [],
        artifacts: [{ name: 'model', kind: 'model', mediaType: 'application/json', base64: Buffer.from(fitted).toString('base64') }],
        models: [{ name: 'knn', stage: 'production', artifact: 'model', dataHash: null, description: '', createdAt: 3 }],
      };
      expect((await app.inject({ method: 'POST', url: '/api/runs', headers: { host: '127.0.0.1', cookie }, payload: run })).statusCode).toBe(201);
    }
    await app.close();

    expect(() => loadRegisteredModel(db, 'knn', 'production')).toThrow('descent serve: 2 learners in this database registered a model called "knn" (ada, bob); choose one with --user <name>.');
    const probe = rows(20, 22);
    const bob = loadRegisteredModel(db, 'knn', 'production', null, 'Bob');
    expect(bob.name).toBe('knn@production of Bob');
    expect(bob.predict(probe).predictions).toEqual(Array.from(new KNeighborsClassifier({ nNeighbors: 15 }).fit(X, X.map(label)).predict(probe)));
    expect(loadRegisteredModel(db, 'knn', 1, null, 'ada').predict(probe).predictions).toEqual(Array.from(new KNeighborsClassifier({ nNeighbors: 1 }).fit(X, X.map(label)).predict(probe)));
    expect(() => loadRegisteredModel(db, 'knn', 'production', null, 'cy')).toThrow('descent serve: this database has no learner called "cy".');
    expect(() => loadRegisteredModel(join(tmp.dir, 'track.db'), 'knn', 'production', null, 'ada')).toThrow(/--user picks a learner in the app's database; .*track\.db is a plain tracking file/);
  });

  it('says what is wrong with a model file or the feature names', () => {
    const path = join(tmp.dir, 'unfitted.json');
    writeFileSync(path, JSON.stringify(new KNeighborsClassifier()));
    expect(() => loadModelFile(path)).toThrow(/holds an unfitted KNeighborsClassifier; save it after fit/);
    expect(() => loadModelFile(join(tmp.dir, 'missing.json'))).toThrow(/cannot read the model file/);
    const fitted = join(tmp.dir, 'fitted.json');
    writeFileSync(fitted, JSON.stringify(model));
    expect(() => loadModelFile(fitted, ['a', 'b'])).toThrow(/--features names 2 features but .* takes 4/);
  });
});
