/**
 * The runs API (`/api/runs`, `/api/runs/:id/metrics`, `/api/models`) through `app.inject`:
 * uploads validated and idempotent, every read scoped to the signed-in learner (another
 * learner's run is a 404), an instructor reading a learner's runs, and the one-person mode
 * where a Node script's runs in the app's file belong to the local user. Class mode runs on
 * SQLite (--class) and on PostgreSQL (DESCENT_TEST_PG_URL; required under CI=true).
 */
import { join } from 'node:path';
import { SQLiteTrackStore } from 'descent/node';
import { Tracker } from 'descent/track';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../src/server/auth/accounts.js';
import type { ClassProgressView } from '../src/server/routes/class.js';
import type { ModelVersionsView, RunArtifactsView, RunMetricsView, RunUpload, RunsView } from '../src/shared/api.js';
import { classServers } from './class-servers.js';
import { FIXTURE_LESSONS } from './helpers.js';

const { tmp, backends, start } = classServers('runs', (dir) => ({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(dir, 'no-client'), classMode: true, quota: { artifactBytes: 1000 } }));

/** A client that keeps its session cookie, like a browser; `.raw` answers the whole response (headers, bytes). */
function client(app: FastifyInstance) {
  let cookie: string | undefined;
  const raw = async (method: InjectOptions['method'], url: string, payload?: object, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method, url, headers: { host: '127.0.0.1', ...headers, ...(cookie ? { cookie } : {}) }, ...(payload === undefined ? {} : { payload }) });
    const set = res.headers['set-cookie'];
    if (typeof set === 'string') cookie = set.split(';')[0];
    return res;
  };
  const call = async <T = Record<string, unknown>>(method: InjectOptions['method'], url: string, payload?: object, headers?: Record<string, string>) => {
    const res = await raw(method, url, payload, headers);
    return { status: res.statusCode, body: res.json() as T & { error?: string } };
  };
  return Object.assign(call, { raw });
}

async function logIn(app: FastifyInstance & { accounts: Accounts }, username: string, role: 'learner' | 'instructor' = 'learner') {
  const id = await app.accounts.createUser(username, `${username}'s long password`, role);
  const call = client(app);
  expect((await call('POST', '/api/auth/login', { username, password: `${username}'s long password` })).status).toBe(200);
  return { id, call };
}

const run = (n: number, over: Partial<RunUpload> = {}): RunUpload => ({
  runId: n.toString(16).padStart(32, 'a'), experiment: 'credit-risk', name: `logreg ${n}`, status: 'FINISHED', startTime: 1000 * n, endTime: 1000 * n + 5,
  params: { C: n }, tags: { estimator: 'LogisticRegression' },
  metrics: [0, 1, 2].map((step) => ({ key: 'valScore', step, value: 0.7 + step / 100, timestamp: 1000 * n + step })),
  artifacts: [{ name: 'model', kind: 'model', mediaType: 'application/json', base64: Buffer.from('{"coef_":[1]}').toString('base64') }],
  models: [{ name: 'credit-risk', stage: 'production', artifact: 'model', dataHash: 'd1', description: '', createdAt: 1000 * n }],
  ...over,
});

describe.each(backends)('runs in class mode on $name', (backend) => {
  it('keeps each learner\'s runs their own, takes retries once, and lets the instructor read them', async () => {
    const app = await start(backend.options());
    const ada = await logIn(app, 'ada'), bob = await logIn(app, 'bob'), teacher = await logIn(app, 'teacher', 'instructor');

    expect(await ada.call('POST', '/api/runs', run(1))).toEqual({ status: 201, body: { runId: run(1).runId, created: true } });
    expect(await ada.call('POST', '/api/runs', run(1))).toEqual({ status: 200, body: { runId: run(1).runId, created: false } }); // a retry
    await bob.call('POST', '/api/runs', run(2, { experiment: 'bobs' }));

    const mine = (await ada.call<RunsView>('GET', '/api/runs')).body;
    expect(mine.experiments).toEqual(['credit-risk']);
    expect(mine.runs.map((r) => [r.name, r.params.C, r.metrics.valScore])).toEqual([['logreg 1', 1, 0.72]]);
    const metrics = await ada.call<RunMetricsView>('GET', `/api/runs/${run(1).runId}/metrics?key=valScore`);
    expect(metrics.body.points.map((p) => p.step)).toEqual([0, 1, 2]); // not six: the retry replaced the run
    expect((await ada.call<ModelVersionsView>('GET', '/api/models')).body.versions.map((v) => [v.name, v.version, v.stage])).toEqual([['credit-risk', 1, 'production']]);

    // Bob sees only his own; Ada's run does not exist for him (404, not 403), and he cannot overwrite it.
    expect((await bob.call<RunsView>('GET', '/api/runs')).body.experiments).toEqual(['bobs']);
    expect((await bob.call<RunsView>('GET', '/api/runs?experiment=credit-risk')).body.runs).toEqual([]);
    const hidden = await bob.call('GET', `/api/runs/${run(1).runId}/metrics`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error).toMatch(/There is no run a+1 among your runs/);
    expect((await bob.call('POST', '/api/runs', run(1, { name: 'mine now' }))).status).toBe(409);
    expect((await ada.call<RunsView>('GET', '/api/runs')).body.runs[0]!.name).toBe('logreg 1');
    expect((await bob.call<ModelVersionsView>('GET', '/api/models')).body.versions.map((v) => v.version)).toEqual([1]);

    // The instructor: run counts on the class page, and a learner's runs with ?learner=.
    const view = (await teacher.call<ClassProgressView>('GET', '/api/class/progress')).body;
    expect(view.learners.map((l) => [l.username, l.runs])).toEqual([['ada', 1], ['bob', 1]]);
    const adas = (await teacher.call<RunsView>('GET', `/api/runs?learner=${ada.id}`)).body;
    expect([adas.owner, adas.runs.map((r) => r.name)]).toEqual(['ada', ['logreg 1']]);
    expect((await teacher.call<RunMetricsView>('GET', `/api/runs/${run(1).runId}/metrics?learner=${ada.id}`)).body.points).toHaveLength(3);
    expect((await teacher.call('GET', `/api/runs/${run(1).runId}/metrics?learner=${bob.id}`)).status).toBe(404);
    expect((await teacher.call('GET', `/api/runs?learner=${teacher.id}`)).status).toBe(404); // not a learner
    expect((await bob.call('GET', `/api/runs?learner=${ada.id}`)).status).toBe(403);
  });

  it('lists and serves a run\'s artifacts as sandboxed downloads, and deletes a run', async () => {
    const app = await start(backend.options());
    const ada = await logIn(app, 'ada'), bob = await logIn(app, 'bob'), teacher = await logIn(app, 'teacher', 'instructor');
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>';
    const figures = [
      ...run(1).artifacts,
      { name: 'figures/loss curve.svg', kind: 'figure' as const, mediaType: 'image/svg+xml', base64: Buffer.from(svg).toString('base64') },
      { name: 'page', kind: 'other' as const, mediaType: 'text/html\r\nX-Evil: 1', base64: Buffer.from('<script>1</script>').toString('base64') },
      { name: 'evil.js', kind: 'other' as const, mediaType: 'text/javascript', base64: Buffer.from('alert(1)').toString('base64') },
    ];
    await ada.call('POST', '/api/runs', run(1, { artifacts: figures }));
    await ada.call('POST', '/api/runs', run(2));
    const id = run(1).runId;

    expect((await ada.call<RunArtifactsView>('GET', `/api/runs/${id}/artifacts`)).body.artifacts).toEqual([
      { name: 'evil.js', kind: 'other', mediaType: 'text/javascript', size: 8 },
      { name: 'figures/loss curve.svg', kind: 'figure', mediaType: 'image/svg+xml', size: svg.length },
      { name: 'model', kind: 'model', mediaType: 'application/json', size: 13 },
      { name: 'page', kind: 'other', mediaType: 'text/html\r\nX-Evil: 1', size: 18 },
    ]);
    const res = await ada.call.raw('GET', `/api/runs/${id}/artifacts/${encodeURIComponent('figures/loss curve.svg')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(svg);
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="loss_curve.svg"');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    // Only figure, text, JSON and model types are echoed: never one a browser runs, never a header injection.
    const page = await ada.call.raw('GET', `/api/runs/${id}/artifacts/page`);
    expect([page.headers['content-type'], page.headers['x-evil'], page.body]).toEqual(['application/octet-stream', undefined, '<script>1</script>']);
    expect((await ada.call.raw('GET', `/api/runs/${id}/artifacts/evil.js`)).headers['content-type']).toBe('application/octet-stream');
    expect((await ada.call.raw('GET', `/api/runs/${id}/artifacts/model`)).headers['content-type']).toBe('application/json');

    // Scoped like the metrics: Bob gets 404 for Ada's run and artifact; the instructor reads them with ?learner=.
    expect((await bob.call('GET', `/api/runs/${id}/artifacts`)).status).toBe(404);
    const hidden = await bob.call('GET', `/api/runs/${id}/artifacts/model`);
    expect([hidden.status, hidden.body.error]).toEqual([404, `There is no artifact 'model' of run ${id} among your runs.`]);
    expect((await ada.call('GET', `/api/runs/${id}/artifacts/nothing`)).status).toBe(404);
    expect((await teacher.call.raw('GET', `/api/runs/${id}/artifacts/model?learner=${ada.id}`)).body).toBe('{"coef_":[1]}');
    expect((await teacher.call('GET', `/api/runs/${id}/artifacts?learner=${bob.id}`)).status).toBe(404);

    // Deleting: only the owner's; a write needs the client header; the model version stays, unlinked.
    const del = (who: typeof ada, runId: string) => who.call('DELETE', `/api/runs/${runId}`, undefined, { 'x-descent-client': '1' });
    expect((await bob.call('DELETE', `/api/runs/${id}`)).status).toBe(415);
    expect((await del(bob, id)).status).toBe(404);
    expect((await del(teacher, id)).status).toBe(404);
    expect((await teacher.call('DELETE', `/api/runs/${id}?learner=${ada.id}`, undefined, { 'x-descent-client': '1' })).body.error).toMatch(/must NOT have additional properties/);
    expect(await del(ada, id)).toEqual({ status: 200, body: { deleted: id } });
    expect((await del(ada, id)).status).toBe(404);
    expect((await ada.call<RunsView>('GET', '/api/runs')).body.runs.map((r) => r.name)).toEqual(['logreg 2']);
    expect((await ada.call('GET', `/api/runs/${id}/artifacts/model`)).status).toBe(404);
    expect((await ada.call<ModelVersionsView>('GET', '/api/models')).body.versions.map((v) => [v.version, v.stage, v.runId])).toEqual([
      [1, 'archived', null], [2, 'production', run(2).runId],
    ]);
    const left = async (table: string) => Number((await app.accounts.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE run_id = ?`, [id]))!.n);
    expect(await Promise.all(['track_runs', 'track_params', 'track_tags', 'track_metrics', 'track_artifacts'].map(left))).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses malformed uploads and oversized artifacts with a message', async () => {
    const app = await start(backend.options());
    const { call } = await logIn(app, 'ada');
    const bad = async (payload: object) => (await call('POST', '/api/runs', payload)).body.error;
    expect(await bad({ ...run(1), runId: 'nope' })).toMatch(/body\/runId must match pattern/);
    expect(await bad({ ...run(1), extra: 1 })).toMatch(/must NOT have additional properties/);
    expect(await bad({ ...run(1), params: { 'bad key!': 1 } })).toMatch(/property name must be valid|must match pattern/);
    expect(await bad({ ...run(1), metrics: [{ key: 'loss', step: -1, value: 1, timestamp: 0 }] })).toMatch(/step must be >= 0/);
    // PostgreSQL's INTEGER is 32-bit: the schema holds both databases to it.
    expect(await bad({ ...run(1), metrics: [{ key: 'loss', step: 2 ** 31, value: 1, timestamp: 0 }] })).toMatch(/step must be <= 2147483647/);
    const big = await call('POST', '/api/runs', run(1, { artifacts: [{ name: 'model', kind: 'model', mediaType: 'application/json', base64: Buffer.alloc(2000).toString('base64') }] }));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/Artifact 'model' of run 'logreg 1' is 0\.0 MB; an artifact may be at most 0\.0 MB\. Log a smaller one/);
    expect((await call<RunsView>('GET', '/api/runs')).body.runs).toEqual([]);
  });
});

describe('runs in the one-person mode', () => {
  it('shows a script\'s runs from the app\'s file beside uploaded ones, and caps the body', async () => {
    const dbPath = join(tmp.dir, 'one.db');
    const app = await start({ dbPath, lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client'), backup: false });
    const call = client(app);
    expect((await call<RunsView>('GET', '/api/runs')).body).toEqual({ experiments: [], experiment: null, runs: [] });
    // A Node script logging into the running app's database.
    const store = new SQLiteTrackStore(dbPath);
    const script = new Tracker({ store, experiment: 'credit-risk' }).startRun({ name: 'from a script', params: { C: 9 } });
    script.logMetric('valScore', Number.NaN, 0);
    script.end();
    store.close();
    expect((await call('POST', '/api/runs', run(1))).status).toBe(201);
    const view = (await call<RunsView>('GET', '/api/runs')).body;
    expect(view.runs.map((r) => [r.name, r.params.C, r.metrics.valScore])).toEqual([['logreg 1', 1, 0.72], ['from a script', 9, null]]);
    expect((await call<RunMetricsView>('GET', `/api/runs/${script.runId}/metrics`)).body.points).toEqual([{ key: 'valScore', step: 0, value: null }]);

    const tooBig = await app.inject({ method: 'POST', url: '/api/runs', headers: { host: '127.0.0.1', 'content-type': 'application/json' }, payload: `{"pad":"${'x'.repeat(17 * 1024 * 1024)}"}` });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json()).toEqual({ error: 'The request is too large. A run\'s upload, artifacts included, may be at most 16 MB: log smaller artifacts, or fewer metric points.' });
  });
});
