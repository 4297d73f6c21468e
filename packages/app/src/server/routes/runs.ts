/**
 * Experiment tracking: each learner uploads the runs their cells made with `descent/track`
 * (the lesson page sends them when a cell finishes) and reads back their own runs, metric
 * histories and model versions. Every route is scoped to the signed-in learner; another
 * learner's run answers 404, as if it did not exist. In the one-person mode the learner is
 * user 0, who also owns what Node scripts write into the app's file with `SQLiteTrackStore`.
 * An instructor reads a learner's runs with `?learner=<id>` on the reads (the Class page
 * links to `/runs?learner=<id>`). Artifacts are listed, and their bytes served as downloads
 * that can never run as a page of the app; `DELETE /api/runs/:id` removes one of the learner's
 * own runs.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ModelVersionsView, RunArtifactsView, RunMetricsView, RunUpload, RunsView } from '../../shared/api.js';
import type { RunStore } from '../db/runs.js';
import type { Store } from '../db/store.js';
import { HttpError, notFound } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a 413 for a body past the route's limit says (server/index.ts's error handler). */
    tooLarge?: string;
  }
}

const RUN_ID = { type: 'string', pattern: '^[0-9a-f]{32}$' } as const;
/** Names of experiments, parameters, tags, metrics and artifacts, as descent/track checks them. */
const NAME = { type: 'string', pattern: '^[\\w.\\-/ ]{1,250}$' } as const;
const KEY = { type: 'string', maxLength: 250 } as const;
/** Query strings are not coerced: a learner's id arrives as digits. */
const LEARNER = { type: 'string', pattern: '^[1-9][0-9]{0,15}$' } as const;
const STAGE = { type: 'string', enum: ['none', 'staging', 'production', 'archived'] } as const;
const NULLABLE_TEXT = (maxLength: number) => ({ anyOf: [{ type: 'string', maxLength }, { type: 'null' }] });

/** A whole run (shared/api.ts's RunUpload); no field may be missing or unknown. */
export const RUN_UPLOAD_SCHEMA = {
  type: 'object',
  properties: {
    runId: RUN_ID,
    experiment: NAME,
    name: { type: 'string', minLength: 1, maxLength: 250 },
    status: { type: 'string', enum: ['RUNNING', 'FINISHED', 'FAILED'] },
    startTime: { type: 'number' },
    endTime: { anyOf: [{ type: 'number' }, { type: 'null' }] },
    params: {
      type: 'object', propertyNames: NAME, maxProperties: 1000,
      additionalProperties: { anyOf: [{ type: 'string', maxLength: 100_000 }, { type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
    },
    tags: { type: 'object', propertyNames: NAME, maxProperties: 1000, additionalProperties: { type: 'string', maxLength: 100_000 } },
    metrics: {
      type: 'array', maxItems: 100_000,
      items: {
        type: 'object',
        properties: { key: NAME, step: { type: 'integer', minimum: 0, maximum: 2_147_483_647 }, value: { anyOf: [{ type: 'number' }, { type: 'null' }] }, timestamp: { type: 'number' } },
        required: ['key', 'step', 'value', 'timestamp'], additionalProperties: false,
      },
    },
    artifacts: {
      type: 'array', maxItems: 100,
      items: {
        type: 'object',
        properties: {
          name: NAME, kind: { type: 'string', enum: ['model', 'figure', 'data', 'other'] }, mediaType: { type: 'string', maxLength: 200 },
          base64: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$' },
        },
        required: ['name', 'kind', 'mediaType', 'base64'], additionalProperties: false,
      },
    },
    models: {
      type: 'array', maxItems: 100,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', pattern: '^[\\w.-]{1,100}$' }, stage: STAGE, artifact: NULLABLE_TEXT(250), dataHash: NULLABLE_TEXT(200),
          description: { type: 'string', maxLength: 10_000 }, createdAt: { type: 'number' },
        },
        required: ['name', 'stage', 'artifact', 'dataHash', 'description', 'createdAt'], additionalProperties: false,
      },
    },
  },
  required: ['runId', 'experiment', 'name', 'status', 'startTime', 'endTime', 'params', 'tags', 'metrics', 'artifacts', 'models'],
  additionalProperties: false,
} as const;

/**
 * A run upload's largest body: a few artifacts at their 4 MB cap, in base64 (4/3 larger),
 * and a long metric history. Past it the answer is 413 with the hint below.
 */
export const RUN_BODY_LIMIT = 16 * 1024 * 1024;

/** The runs page's data for one learner: their experiments and one experiment's runs (the first by default). */
export async function runsView(runs: RunStore, experiment?: string): Promise<RunsView> {
  const experiments = await runs.experiments();
  const chosen = experiment ?? experiments[0] ?? null;
  return { experiments, experiment: chosen, runs: chosen === null ? [] : await runs.summaries(chosen) };
}

/**
 * Media types an artifact is served as: figures, text, JSON and model bytes. None of them is a
 * type a browser runs as script, so with nosniff an artifact cannot be loaded by a
 * `<script src>` or a worker either (an SVG artifact could otherwise pull in a JavaScript one).
 * Any other declared type (text/html, text/javascript, ...) is sent as plain bytes.
 */
const SERVED_TYPE = /^(image\/(png|jpeg|gif|webp|svg\+xml)|text\/(plain|csv|tab-separated-values|markdown)|application\/([a-z0-9.-]+\+)?json|application\/(onnx|octet-stream|zip|gzip))$/i;

/**
 * An artifact's bytes are the learner's upload, served from the app's own origin, so an SVG or
 * HTML file must never run as a page of it: it is always a download, the browser may not guess
 * another type, and were it opened anyway the sandbox policy gives it a unique origin with no
 * script. Only a media type of SERVED_TYPE is echoed; anything else is sent as bytes.
 */
export function artifactHeaders(name: string, mediaType: string): Record<string, string> {
  // The last path segment, in characters no header or file system treats specially.
  const file = (name.split('/').pop() ?? '').replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'artifact';
  return {
    'content-type': SERVED_TYPE.test(mediaType) ? mediaType : 'application/octet-stream',
    'content-disposition': `attachment; filename="${file}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "sandbox; default-src 'none'",
    'cache-control': 'private, no-store',
  };
}

export const runRoutes: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  const mine = (request: FastifyRequest) => store.forUser(request.userId).runs;
  /** The runs a read is about: the caller's, or (for an instructor) the learner's named in `?learner=`. */
  const readable = async (request: FastifyRequest<{ Querystring: { learner?: string } }>): Promise<{ runs: RunStore; owner?: string }> => {
    const learner = request.query.learner;
    if (learner === undefined) return { runs: mine(request) };
    if (request.user?.role !== 'instructor') throw new HttpError(403, 'Only an instructor may read another learner\'s runs; leave out ?learner= to read your own.');
    const user = await store.sql.get<{ username: string }>("SELECT username FROM users WHERE id = ? AND role = 'learner'", [Number(learner)]);
    if (user === undefined) throw notFound(`There is no learner with id ${learner} in this class.`);
    return { runs: store.forUser(Number(learner)).runs, owner: user.username };
  };

  app.post<{ Body: RunUpload }>('/api/runs', {
    bodyLimit: RUN_BODY_LIMIT,
    config: { tooLarge: `A run's upload, artifacts included, may be at most ${RUN_BODY_LIMIT / 1024 / 1024} MB: log smaller artifacts, or fewer metric points.` },
    schema: { body: RUN_UPLOAD_SCHEMA },
  }, async (request, reply): Promise<{ runId: string; created: boolean }> => {
    const { created } = await mine(request).put(request.body);
    reply.status(created ? 201 : 200);
    return { runId: request.body.runId, created };
  });

  app.get<{ Querystring: { experiment?: string; learner?: string } }>('/api/runs', {
    schema: { querystring: { type: 'object', properties: { experiment: KEY, learner: LEARNER }, additionalProperties: false } },
  }, async (request): Promise<RunsView> => {
    const { runs, owner } = await readable(request);
    const view = await runsView(runs, request.query.experiment);
    return owner === undefined ? view : { ...view, owner };
  });

  app.get<{ Params: { id: string }; Querystring: { key?: string; learner?: string } }>('/api/runs/:id/metrics', {
    schema: {
      params: { type: 'object', properties: { id: RUN_ID }, required: ['id'] },
      querystring: { type: 'object', properties: { key: KEY, learner: LEARNER }, additionalProperties: false },
    },
  }, async (request): Promise<RunMetricsView> => {
    const points = await (await readable(request)).runs.metricHistory(request.params.id, request.query.key);
    // Another learner's run is "not found", never "forbidden": its existence is not theirs to learn.
    if (points === undefined) throw notFound(`There is no run ${request.params.id} among your runs.`);
    return { points: points.map((p) => ({ key: p.key, step: p.step, value: p.value })) };
  });

  app.get<{ Params: { id: string }; Querystring: { learner?: string } }>('/api/runs/:id/artifacts', {
    schema: {
      params: { type: 'object', properties: { id: RUN_ID }, required: ['id'] },
      querystring: { type: 'object', properties: { learner: LEARNER }, additionalProperties: false },
    },
  }, async (request): Promise<RunArtifactsView> => {
    const artifacts = await (await readable(request)).runs.artifacts(request.params.id);
    if (artifacts === undefined) throw notFound(`There is no run ${request.params.id} among your runs.`);
    return { artifacts };
  });

  app.get<{ Params: { id: string; name: string }; Querystring: { learner?: string } }>('/api/runs/:id/artifacts/:name', {
    schema: {
      // A name with a slash arrives as one segment, its slash sent as %2F.
      params: { type: 'object', properties: { id: RUN_ID, name: KEY }, required: ['id', 'name'] },
      querystring: { type: 'object', properties: { learner: LEARNER }, additionalProperties: false },
    },
  }, async (request, reply) => {
    const { id, name } = request.params;
    const artifact = await (await readable(request)).runs.artifact(id, name);
    if (artifact === undefined) throw notFound(`There is no artifact '${name}' of run ${id} among your runs.`);
    return reply.headers(artifactHeaders(name, artifact.mediaType)).send(artifact.data);
  });

  app.delete<{ Params: { id: string } }>('/api/runs/:id', {
    schema: {
      params: { type: 'object', properties: { id: RUN_ID }, required: ['id'] },
      // No ?learner=: an instructor reads a learner's runs but does not delete them.
      querystring: { type: 'object', additionalProperties: false },
    },
  }, async (request): Promise<{ deleted: string }> => {
    if (!await mine(request).delete(request.params.id)) throw notFound(`There is no run ${request.params.id} among your runs.`);
    return { deleted: request.params.id };
  });

  app.get<{ Querystring: { learner?: string } }>('/api/models', {
    schema: { querystring: { type: 'object', properties: { learner: LEARNER }, additionalProperties: false } },
  }, async (request): Promise<ModelVersionsView> => ({ versions: await (await readable(request)).runs.modelVersions() }));
};
