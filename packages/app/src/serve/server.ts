/**
 * The prediction service behind `descent serve`: Fastify with
 *
 *   POST /predict   { instances: [[...], ...] } → { predictions, probabilities?, model }
 *   GET  /schema    the model's input schema and the request JSON schema
 *   GET  /healthz   liveness: the process answers
 *   GET  /readyz    readiness: a model is loaded and the server is not draining (503 otherwise)
 *   GET  /metrics   Prometheus text: predictions, requests, latency histogram
 *
 * Shutdown drains: `close()` marks the server not ready (a load balancer stops sending),
 * stops accepting connections, lets in-flight requests finish, then resolves.
 *
 * @example
 * const app = await buildPredictionServer({ model: loadModelFile('model.json') });
 * await app.inject({ method: 'POST', url: '/predict', payload: { instances: [[1, 2]] } });
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { Metrics } from './metrics.js';
import { requestSchema, toRows, type ServedModel } from './model.js';

export interface PredictionServerOptions {
  model: ServedModel;
  /** Most rows in one request (default 10,000). */
  maxBatch?: number;
  /** Largest request body in bytes (default 16 MB). */
  bodyLimit?: number;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest { startedAt?: bigint }
}

export async function buildPredictionServer(options: PredictionServerOptions): Promise<FastifyInstance & { draining: boolean }> {
  const { model } = options;
  const maxBatch = options.maxBatch ?? 10_000;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new Error(`descent serve: --max-batch must be an integer >= 1, got ${maxBatch}.`);
  const metrics = new Metrics();
  const app = Fastify({
    logger: options.logger === true ? { level: 'info' } : false,
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    // Numbers must be numbers: "3" for a feature is a client bug, not a value to guess.
    ajv: { customOptions: { coerceTypes: false, allErrors: false, removeAdditional: false } },
    // Keep-alive connections with no request in flight are closed at shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
  }) as unknown as FastifyInstance & { draining: boolean };
  app.draining = false;

  app.addHook('onRequest', async (request) => {
    request.startedAt = process.hrtime.bigint();
  });
  app.addHook('onResponse', async (request, reply) => {
    const started = request.startedAt ?? process.hrtime.bigint();
    const route = request.routeOptions.url ?? 'unknown';
    metrics.observe(route, reply.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
  });
  app.addHook('preClose', async () => {
    app.draining = true;
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation) {
      const v = error.validation[0];
      return reply.status(400).send({ error: `Invalid request: ${error.validationContext ?? 'body'}${v?.instancePath ?? ''} ${v?.message ?? 'is invalid'}. Send { "instances": [[${model.input.nFeatures} numbers], ...] } (GET /schema shows the schema).` });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.status(status).send({ error: error.message });
    app.log.error(error);
    return reply.status(500).send({ error: `Prediction failed: ${error.message}` });
  });

  const body = requestSchema(model.input, maxBatch);
  app.post<{ Body: { instances: (number[] | Record<string, number>)[] } }>('/predict', { schema: { body } }, async (request) => {
    const rows = toRows(request.body.instances, model.input);
    const out = model.predict(rows);
    metrics.predictions += rows.length;
    return { model: model.name, ...out };
  });
  app.get('/schema', async () => ({ model: model.name, kind: model.kind, input: model.input, request: body }));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => (app.draining
    ? reply.status(503).send({ status: 'draining' })
    : { status: 'ready', model: model.name }));
  app.get('/metrics', async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(metrics.render(model.name)));
  return app;
}
