// Experiment tracking: one contract run against both stores (in memory and SQLite), the
// registry's stages and lineage, and the three integrations — fit, tune and estimators.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DataLoader, TensorDataset, fit } from '../../src/data/index.js';
import { LogisticRegression, Ridge } from '../../src/learn/index.js';
import { Linear, F, loadState } from '../../src/nn/index.js';
import { SGD } from '../../src/optim/index.js';
import { manualSeed, randn } from '../../src/tensor/index.js';
import { RandomSampler, createStudy } from '../../src/tune/index.js';
import { SQLiteTrackStore } from '../../src/node/sqlite-track-store.js';
import { InMemoryTrackStore, Tracker, fitTracked, hashData, setDefaultTrackStore, type TrackStore } from '../../src/track/index.js';
import { loadEstimator } from '../../src/learn/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'descent-track-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const stores: [string, () => TrackStore][] = [
  ['InMemoryTrackStore', () => new InMemoryTrackStore()],
  ['SQLiteTrackStore', () => new SQLiteTrackStore(join(dir, `${Math.random().toString(36).slice(2)}.db`))],
];

describe.each(stores)('%s', (_name, make) => {
  it('records params, tags, metrics over steps and artifacts, and searches runs by a metric', async () => {
    const tracker = new Tracker({ store: make(), experiment: 'exp' });
    for (const [lr, final] of [[0.1, 0.3], [0.01, 0.2], [1, Number.NaN]] as const) {
      await tracker.withRun({ name: `lr=${lr}`, params: { lr, layers: [8, 4], optimizer: 'sgd' } }, (run) => {
        run.logMetric('loss', 1, 0).logMetric('loss', final);
        run.setTag('note', 'first');
        run.logArtifact('curve.vl.json', { mark: 'line' }, { kind: 'figure' });
      });
    }
    const runs = tracker.searchRuns({ orderBy: 'loss' });
    expect(runs.map((r) => r.name)).toEqual(['lr=0.01', 'lr=0.1', 'lr=1']); // NaN last
    expect(runs[0]!.params).toEqual({ lr: 0.01, layers: '[8,4]', optimizer: 'sgd' });
    expect(runs[0]!.status).toBe('FINISHED');
    expect(runs[2]!.metrics.loss).toBeNaN();
    const history = tracker.store.getMetricHistory(runs[0]!.runId, 'loss');
    expect(history.map((p) => [p.step, p.value])).toEqual([[0, 1], [1, 0.2]]);
    const art = tracker.store.getArtifact(runs[0]!.runId, 'curve.vl.json')!;
    expect(art.info).toMatchObject({ kind: 'figure', mediaType: 'application/json' });
    expect(JSON.parse(new TextDecoder().decode(art.bytes))).toEqual({ mark: 'line' });
    expect(tracker.store.listExperiments()).toEqual(['exp']);
  });

  it('writes parameters once, marks a throwing run FAILED, and names bad keys', async () => {
    const tracker = new Tracker({ store: make() });
    const run = tracker.startRun({ params: { alpha: 1 } });
    run.logParams({ alpha: 1 }); // the same value again is fine
    expect(() => run.logParams({ alpha: 2 })).toThrow(/parameter 'alpha' .* is already 1; parameters are written once/);
    expect(() => run.logMetric('bad key!', 1)).toThrow(/metric "bad key!" is not a valid name/);
    expect(() => run.logMetric('loss', 1, -1)).toThrow(/step must be an integer >= 0/);
    await expect(tracker.withRun({}, () => { throw new Error('boom'); })).rejects.toThrow('boom');
    const failed = tracker.searchRuns({ status: 'FAILED' });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.tags.error).toBe('boom');
  });

  it('registers versions with lineage and keeps one version in production', () => {
    const tracker = new Tracker({ store: make() });
    const reg = tracker.registry;
    const X = [[0], [1], [2], [3]];
    const y = [0, 1, 2, 3];
    const v = [1, 2].map((alpha) => {
      const run = tracker.startRun({ name: `ridge ${alpha}` });
      fitTracked(run, new Ridge({ alpha }), X, y);
      run.end();
      return reg.register('ridge', { runId: run.runId, dataHash: hashData(X, y) });
    });
    expect(v.map((x) => x.version)).toEqual([1, 2]);
    expect(() => reg.register('ridge', { runId: v[0]!.runId!, artifact: 'missing' })).toThrow(/has no artifact 'missing'; log it first/);
    reg.transition('ridge', 1, 'production');
    reg.transition('ridge', 2, 'staging');
    reg.transition('ridge', 2, 'production');
    expect(reg.versions('ridge').map((x) => x.stage)).toEqual(['archived', 'production']);
    expect(reg.latest('ridge', 'production')).toMatchObject({ version: 2, runId: v[1]!.runId, dataHash: hashData(X, y), artifact: 'model' });
    const model = loadEstimator<Ridge>(new TextDecoder().decode(reg.loadBytes('ridge', 'production')));
    expect(model.params.alpha).toBe(2);
    expect(() => reg.transition('ridge', 9, 'staging')).toThrow(/has no version 9; it has 1, 2/);
    expect(() => reg.transition('ridge', 1, 'live' as never)).toThrow(/stage must be one of none, staging, production, archived/);
  });
});

describe('setDefaultTrackStore', () => {
  it('gives new Trackers without a store one from the factory, until reset with null', () => {
    const shared = new InMemoryTrackStore();
    setDefaultTrackStore(() => shared);
    try {
      expect(new Tracker().store).toBe(shared);
      const own = new InMemoryTrackStore();
      expect(new Tracker({ store: own }).store).toBe(own); // an explicit store still wins
      expect(() => setDefaultTrackStore('runs.db' as unknown as () => TrackStore)).toThrow(/setDefaultTrackStore: pass a function that returns a TrackStore, or null/);
    } finally {
      setDefaultTrackStore(null);
    }
    const fresh = new Tracker().store;
    expect(fresh).toBeInstanceOf(InMemoryTrackStore);
    expect(fresh).not.toBe(shared);
  });
});

describe('hashData', () => {
  it('changes when one value or the shape changes, and is stable otherwise', () => {
    const a = hashData([[1, 2], [3, 4]], [0, 1]);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hashData([[1, 2], [3, 4]], [0, 1])).toBe(a);
    expect(hashData([[1, 2], [3, 4.000001]], [0, 1])).not.toBe(a);
    expect(hashData([[1, 2, 3, 4]], [0, 1])).not.toBe(a);
    expect(hashData(new Float64Array([1, 2]))).toBe(hashData([1, 2]));
  });

  it('is FNV-1a 64 over big-endian float64 bytes', () => {
    // Of no input: the offset basis. Of [2, 1.5, -3] (length, then values): from Python,
    // h ^= byte; h = h * 0x100000001b3 mod 2^64 over struct.pack('>d', v) for v in [2, 2, 1.5, -3].
    expect(hashData()).toBe('cbf29ce484222325');
    expect(hashData(1.5, -3)).toBe(hashData(1.5, -3));
    expect(hashData([1.5, -3])).toBe('475832803020194a');
  });
});

describe('integrations', () => {
  it('fit logs its settings, every epoch and the best weights', () => {
    manualSeed(0);
    const X = randn([64, 3]);
    const y = X.matmul(randn([3, 1]));
    const model = new Linear(3, 1);
    const tracker = new Tracker();
    const run = tracker.startRun({ name: 'linear' });
    const { history } = fit(model, new DataLoader(new TensorDataset(X, y), { batchSize: 16 }), {
      optimizer: new SGD(model.parameters(), { lr: 0.05 }), loss: F.mseLoss, epochs: 4, progress: false, track: run,
    });
    run.end();
    const s = tracker.searchRuns()[0]!;
    expect(s.params).toMatchObject({ epochs: 4, batches: 4, optimizer: 'SGD', lr: 0.05, monitor: 'trainLoss' });
    expect(tracker.store.getMetricHistory(run.runId, 'trainLoss').map((p) => [p.step, p.value])).toEqual(history.map((h) => [h.epoch, h.trainLoss]));
    const { meta, state } = loadState(tracker.store.getArtifact(run.runId, 'model')!.bytes);
    expect(meta.bestEpoch).toBe(4);
    expect(Object.keys(state)).toEqual(['weight', 'bias']);
    expect(() => fit(model, [[X, y]], { optimizer: new SGD(model.parameters()), loss: F.mseLoss, epochs: 1, track: {} as never })).toThrow(/track must be a descent\/track Run/);
  });

  it('a tune study logs each trial as a run with its params, value and intermediate values', async () => {
    const tracker = new Tracker({ experiment: 'study' });
    const study = await createStudy({ sampler: new RandomSampler({ seed: 1 }), studyName: 'quad' });
    await study.optimize((t) => {
      const x = t.suggestFloat('x', -3, 3);
      t.report(x * x + 1, 0);
      return x * x;
    }, { nTrials: 5, track: tracker });
    const runs = tracker.searchRuns({ orderBy: 'value' });
    expect(runs).toHaveLength(5);
    expect(runs[0]!.params.x).toBe(study.bestParams.x);
    expect(runs[0]!.metrics.value).toBe(study.bestValue);
    expect(runs[0]!.metrics.intermediate).toBeCloseTo(study.bestValue + 1, 12);
    expect(runs[0]!.tags).toMatchObject({ study: 'quad', state: 'COMPLETE' });
  });

  it('fitTracked logs an estimator: params, data hash, scores, the model', () => {
    const X = [[0, 0], [1, 1], [0, 1], [1, 0], [2, 2], [-1, -1]];
    const y = [0, 1, 0, 1, 1, 0];
    const tracker = new Tracker();
    const run = tracker.startRun();
    const clf = fitTracked(run, new LogisticRegression({ C: 10 }), X, y, { XVal: X, yVal: y });
    const s = tracker.searchRuns()[0]!;
    expect(s.params.C).toBe(10);
    expect(s.tags).toEqual({ estimator: 'LogisticRegression', dataHash: hashData(X, y) });
    expect(s.metrics.trainScore).toBe(clf.score(X, y));
    expect(s.metrics.valScore).toBe(clf.score(X, y));
    const back = loadEstimator<LogisticRegression>(new TextDecoder().decode(tracker.store.getArtifact(run.runId, 'model')!.bytes));
    expect(back.predict(X)).toEqual(clf.predict(X));
    expect(() => fitTracked(run, {} as never, X, y)).toThrow(/must be an estimator/);
  });
});

describe('the two stores agree (fast-check)', () => {
  it('on any sequence of metric logs, tags and model versions', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('metric' as const), key: fc.constantFrom('loss', 'acc', 'a/b'), value: fc.oneof(fc.double({ noDefaultInfinity: true }), fc.constant(Number.NaN)), step: fc.nat(20) }),
      fc.record({ kind: fc.constant('tag' as const), key: fc.constantFrom('t1', 't2'), value: fc.string({ maxLength: 8 }) }),
      fc.record({ kind: fc.constant('version' as const), stage: fc.constantFrom('none', 'staging', 'production', 'archived') }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
      const summaries = [new InMemoryTrackStore(), new SQLiteTrackStore(':memory:')].map((store) => {
        const tracker = new Tracker({ store });
        const run = tracker.startRun({ name: 'r' });
        for (const o of ops) {
          if (o.kind === 'metric') run.logMetric(o.key, o.value, o.step);
          else if (o.kind === 'tag') run.setTag(o.key, o.value);
          else {
            const v = tracker.registry.register('m', { dataHash: 'h' });
            tracker.registry.transition('m', v.version, o.stage as 'none');
          }
        }
        const history = store.getMetricHistory(run.runId).map(({ key, step, value }) => ({ key, step, value }));
        const versions = store.listModelVersions('m').map((v) => [v.version, v.stage]);
        return { history, tags: store.getTags(run.runId), metrics: tracker.searchRuns()[0]!.metrics, versions };
      });
      expect(summaries[1]).toEqual(summaries[0]);
      // At most one version is ever in production.
      expect(summaries[0]!.versions.filter((v) => v[1] === 'production').length).toBeLessThanOrEqual(1);
    }), { numRuns: 60, seed: 44 });
  });
});
