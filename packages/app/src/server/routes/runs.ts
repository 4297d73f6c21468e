/**
 * Experiment tracking, read-only: the runs, metric histories and model versions that
 * `descent/track` wrote to this database (a script passes the app's database file to
 * `SQLiteTrackStore`; the tables are created on first use, by the same schema).
 */
import type { FastifyPluginAsync } from 'fastify';
import { SQLiteTrackStore } from 'descent/node';
import { summarize } from 'descent/track';
import type { RunsView, RunMetricsView, ModelVersionsView } from '../../shared/api.js';
import { notFound } from '../errors.js';
import type { Database } from 'better-sqlite3';

const RUN_ID = { type: 'string', pattern: '^[0-9a-f]{32}$' } as const;
const KEY = { type: 'string', maxLength: 250 } as const;

export const runRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  const tracking = new SQLiteTrackStore(db);

  app.get<{ Querystring: { experiment?: string } }>('/api/runs', {
    schema: { querystring: { type: 'object', properties: { experiment: KEY }, additionalProperties: false } },
  }, async (request): Promise<RunsView> => {
    const experiments = tracking.listExperiments();
    const experiment = request.query.experiment ?? experiments[0] ?? null;
    const runs = experiment === null ? [] : tracking.listRuns(experiment).map((r) => summarize(tracking, r));
    // NaN does not survive JSON: a diverged metric is sent as null.
    return { experiments, experiment, runs: runs.map((r) => ({ ...r, metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null])) })) };
  });

  app.get<{ Params: { id: string }; Querystring: { key?: string } }>('/api/runs/:id/metrics', {
    schema: { params: { type: 'object', properties: { id: RUN_ID }, required: ['id'] }, querystring: { type: 'object', properties: { key: KEY }, additionalProperties: false } },
  }, async (request): Promise<RunMetricsView> => {
    if (tracking.getRun(request.params.id) === null) throw notFound(`No run ${request.params.id} in this database.`);
    const points = tracking.getMetricHistory(request.params.id, request.query.key);
    return { points: points.map((p) => ({ key: p.key, step: p.step, value: Number.isFinite(p.value) ? p.value : null })) };
  });

  app.get('/api/models', async (): Promise<ModelVersionsView> => ({ versions: tracking.listModelVersions() }));
};
