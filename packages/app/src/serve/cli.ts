/**
 * `descent serve`: serve a saved model over HTTP.
 *
 *   descent serve model.json [--port 8080] [--host 127.0.0.1] [--features a,b,c] [--max-batch N] [--verbose]
 *   descent serve model.onnx
 *   descent serve --db runs.db --model churn [--stage production | --version 3] [--user ada]
 *
 * SIGTERM or SIGINT drains: in-flight requests finish, then the process exits 0.
 */
import { parseArgs } from 'node:util';
import { loadModelFile, loadRegisteredModel, type ServedModel } from './model.js';
import { buildPredictionServer } from './server.js';
import type { ModelStage } from 'descent/track';

export const SERVE_USAGE = `Usage: descent serve <model.json | model.onnx> [options]
       descent serve --db <tracking.db> --model <name> [--stage production | --version N] [--user <name>] [options]

Options:
  --port <n>          port to listen on (default 8080; 0 picks a free one)
  --host <addr>       address to listen on (default 127.0.0.1)
  --features <a,b,c>  feature names, so requests may send objects
  --max-batch <n>     most rows per request (default 10000)
  --drain-timeout <s> on SIGTERM, seconds to let in-flight requests finish before exiting 1 (default 30)
  --user <name>       in a class's database, whose registered model (needed when several
                      learners registered one with that name)
  --verbose           log every request`;

/** Runs the command; resolves with the exit code once the server has stopped. */
export async function serveMain(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' }, host: { type: 'string' }, features: { type: 'string' }, 'max-batch': { type: 'string' },
        db: { type: 'string' }, model: { type: 'string' }, stage: { type: 'string' }, version: { type: 'string' }, user: { type: 'string' }, 'drain-timeout': { type: 'string' },
        verbose: { type: 'boolean' }, help: { type: 'boolean' },
      },
    });
  } catch (e) {
    console.error(`descent serve: ${(e as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  const { values: a, positionals } = parsed;
  if (a.help) {
    console.log(SERVE_USAGE);
    return 0;
  }
  const port = Number(a.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`descent serve: --port must be a whole number from 0 to 65535; got "${a.port}".`);
    return 2;
  }
  const host = a.host ?? '127.0.0.1';
  const drainSeconds = Number(a['drain-timeout'] ?? 30);
  if (!(drainSeconds > 0)) {
    console.error(`descent serve: --drain-timeout must be a number of seconds > 0; got "${a['drain-timeout']}".`);
    return 2;
  }
  const features = a.features === undefined ? null : a.features.split(',').map((s) => s.trim());
  let model: ServedModel;
  try {
    if (a.db !== undefined || a.model !== undefined) {
      if (a.db === undefined || a.model === undefined) throw new Error('descent serve: --db and --model go together (the tracking database and the registered name).');
      const which = a.version !== undefined ? Number(a.version) : (a.stage ?? 'production') as ModelStage;
      model = loadRegisteredModel(a.db, a.model, which, features, a.user);
    } else {
      if (a.user !== undefined) throw new Error('descent serve: --user picks whose registered model to serve, so it goes with --db and --model.');
      if (positionals.length !== 1) throw new Error(`descent serve: give one model file (got ${positionals.length}).\n\n${SERVE_USAGE}`);
      model = loadModelFile(positionals[0]!, features);
    }
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  let app;
  try {
    app = await buildPredictionServer({ model, logger: a.verbose ?? false, ...(a['max-batch'] === undefined ? {} : { maxBatch: Number(a['max-batch']) }) });
    await app.listen({ port, host });
  } catch (e) {
    console.error(`descent serve: ${(e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : (e as Error).message}`);
    return 1;
  }
  const address = app.server.address();
  const actual = typeof address === 'object' && address !== null ? address.port : port;
  console.log(`Serving ${model.kind} (${model.input.nFeatures} features) from ${model.name} at http://${host}:${actual}/predict`);
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      if (app.draining) return;
      console.log(`${signal}: draining (in-flight requests finish), then exiting.`);
      // A request that never finishes must not keep the process alive forever.
      const timer = setTimeout(() => {
        console.error(`descent serve: requests still running after ${drainSeconds} s; exiting without them.`);
        resolve(1);
        setImmediate(() => process.exit(1));
      }, drainSeconds * 1000);
      timer.unref();
      void app.close().then(() => {
        clearTimeout(timer);
        console.log('Stopped.');
        resolve(0);
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
