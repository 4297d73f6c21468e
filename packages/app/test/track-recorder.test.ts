/**
 * What the cell worker sends after a cell (src/worker/track-recorder.ts), run in Node with the
 * real `descent/track`: the runs a "cell" touched, whole, which the server's upload route
 * accepts as they are; a later cell that promotes a model re-sends the runs it changed. And
 * what it sends while a cell runs, which the page uploads if the cell is stopped.
 */
import { join } from 'node:path';
import * as track from 'descent/track';
import { afterAll, expect, it } from 'vitest';
import { buildServer } from '../src/server/index.js';
import { RunCopies, stoppedRuns } from '../src/client/lesson/kernel.js';
import type { ModelVersionsView, RunsView } from '../src/shared/api.js';
import { recordTracking, type RunChange } from '../src/worker/track-recorder.js';
import { FIXTURE_LESSONS, tempDir } from './helpers.js';

const tmp = tempDir('descent-recorder-');
afterAll(() => {
  track.setDefaultTrackStore(null);
  tmp.cleanup();
});

it('sends the runs each cell touched, and the server stores them for the learner', async () => {
  const recorder = recordTracking(track);
  const app = await buildServer({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client') });
  const upload = async () => {
    for (const run of recorder.take()) {
      const res = await app.inject({ method: 'POST', url: '/api/runs', payload: run });
      expect(res.statusCode, res.body).toBeLessThan(300);
    }
  };
  try {
    // "Cell 1": a tracker with its default store, two runs, one model registered.
    const tracker = new track.Tracker({ experiment: 'demo' });
    const a = tracker.startRun({ name: 'a', params: { lr: 0.1, layers: [2, 3] } });
    a.logMetric('loss', 0.5, 0).logMetric('loss', Number.NaN, 1).logModel('model', new Uint8Array([1, 2, 3]));
    a.end();
    const v1 = tracker.registry.register('m', { runId: a.runId, dataHash: 'h' });
    tracker.registry.transition('m', v1.version, 'production');
    const b = tracker.startRun({ name: 'b' });
    const first = recorder.take();
    expect(first.map((r) => [r.name, r.status])).toEqual([['a', 'FINISHED'], ['b', 'RUNNING']]);
    expect(first[0]).toMatchObject({
      params: { lr: 0.1, layers: '[2,3]' }, metrics: [{ key: 'loss', step: 0, value: 0.5 }, { key: 'loss', step: 1, value: null }],
      artifacts: [{ name: 'model', kind: 'model', base64: 'AQID' }], models: [{ name: 'm', stage: 'production', dataHash: 'h' }],
    });
    expect(recorder.take()).toEqual([]); // nothing changed since
    for (const run of first) expect((await app.inject({ method: 'POST', url: '/api/runs', payload: run })).statusCode).toBe(201);

    // "Cell 2": b ends and a model from b is promoted, which archives a's: both runs go again.
    b.logModel('model', new Uint8Array([4]));
    b.end();
    const v2 = tracker.registry.register('m', { runId: b.runId });
    tracker.registry.transition('m', v2.version, 'production');
    await upload();
    const runs = (await app.inject({ method: 'GET', url: '/api/runs' })).json() as RunsView;
    // The server lists runs by start time, then id; a and b often start in the same
    // millisecond, and ids are random, so compare them by name.
    const byName = runs.runs.map((r) => [r.name, r.status, 'loss' in r.metrics ? r.metrics.loss : 'none']).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    expect(byName).toEqual([['a', 'FINISHED', null], ['b', 'FINISHED', 'none']]);
    const models = (await app.inject({ method: 'GET', url: '/api/models' })).json() as ModelVersionsView;
    expect(models.versions.map((v) => [v.version, v.stage, v.runId])).toEqual([[1, 'archived', a.runId], [2, 'production', b.runId]]);
  } finally {
    await app.close();
  }
});

it('sends every change as it happens, metric points as deltas, so a stopped cell keeps its runs', async () => {
  const changes: RunChange[] = [];
  const copies = new RunCopies(); // what the page's kernel keeps
  const recorder = recordTracking(track, (change) => {
    changes.push(change);
    copies.apply(change);
  });
  const app = await buildServer({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client') });
  try {
    // "Cell 1" ends normally.
    const tracker = new track.Tracker({ experiment: 'stopped' });
    const run = tracker.startRun({ name: 'long loop', params: { lr: 0.01 } });
    run.logMetric('loss', 1, 0);
    expect(recorder.take().map((r) => r.metrics.length)).toEqual([1]);
    changes.length = 0;

    // "Cell 2" changes the run, then never ends: its first change sends the whole run, later
    // metric points only themselves.
    run.setTags({ note: 'never ends' });
    for (let step = 1; step <= 500; step++) run.logMetric('loss', 1 / (step + 1), step);
    run.logMetric('loss', Number.NaN, 501);
    expect(changes.filter((c) => 'run' in c)).toHaveLength(1);
    expect(changes.filter((c) => 'points' in c)).toHaveLength(501);
    const [copy] = [...copies.values()];
    expect(copy).toMatchObject({ name: 'long loop', status: 'RUNNING', params: { lr: 0.01 }, tags: { note: 'never ends' } });
    expect(copy!.metrics.map((p) => p.value)).toEqual([1, ...Array.from({ length: 500 }, (_, i) => 1 / (i + 2)), null]);

    // The kernel stops the cell: the open run ends FAILED, tagged with why, and uploads.
    const [stopped] = stoppedRuns(copies.values(), 'timeout', 1_700_000_000_000);
    expect(stopped).toMatchObject({ status: 'FAILED', endTime: 1_700_000_000_000, tags: { note: 'never ends', 'descent.stopped': 'timeout' } });
    expect(stoppedRuns([{ ...stopped!, status: 'FINISHED' }], 'stopped')[0]!.tags['descent.stopped']).toBe('timeout'); // a finished run is left as it was
    expect((await app.inject({ method: 'POST', url: '/api/runs', payload: stopped })).statusCode).toBe(201);
    const runs = (await app.inject({ method: 'GET', url: '/api/runs' })).json() as RunsView;
    expect(runs.runs.map((r) => [r.name, r.status, r.tags['descent.stopped'], r.metrics.loss])).toEqual([['long loop', 'FAILED', 'timeout', null]]);
    recorder.take();
  } finally {
    await app.close();
  }
});
