/**
 * Class-mode servers for API tests, on every store the run can reach: SQLite always (a file
 * per server, as --class uses), PostgreSQL when DESCENT_TEST_PG_URL is set (a schema per
 * server). Servers are closed, schemas dropped and files removed when the test file ends.
 *
 * ```ts
 * const { backends, start } = classServers('runs', (dir) => ({ ...options, clientDir: join(dir, 'no-client') }));
 * describe.each(backends)('on $name', (backend) => it('…', async () => { const app = await start(backend.options()); }));
 * ```
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll } from 'vitest';
import type { Accounts } from '../src/server/auth/accounts.js';
import { buildServer, type ServerOptions } from '../src/server/index.js';
import { tempDir } from './helpers.js';
import { dropSchema, PG_URL, testSchema } from './pg.js';

export interface Backend { name: 'SQLite' | 'PostgreSQL'; options(): ServerOptions }

/** `base(dir)`: the options every server shares; `dir` is the file's temporary folder. */
export function classServers(name: string, base: (dir: string) => ServerOptions) {
  const tmp = tempDir(`descent-${name}-`);
  const apps: FastifyInstance[] = [];
  const schemas: string[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const s of schemas) await dropSchema(PG_URL!, s);
    tmp.cleanup();
  });
  const backends: Backend[] = [
    { name: 'SQLite', options: () => ({ ...base(tmp.dir), dbPath: join(tmp.dir, `class-${apps.length}.db`), backup: false }) },
  ];
  if (PG_URL !== undefined) {
    const url = PG_URL;
    backends.push({ name: 'PostgreSQL', options: () => {
      const schema = testSchema(`app_${name.replace(/\W/g, '_')}`);
      schemas.push(schema);
      return { ...base(tmp.dir), databaseUrl: url, postgresSchema: schema };
    } });
  }
  /** Builds a server and closes it when the file ends. */
  async function start(options: ServerOptions): Promise<FastifyInstance & { accounts: Accounts }> {
    const app = await buildServer(options);
    apps.push(app);
    return app as FastifyInstance & { accounts: Accounts };
  }
  return { tmp, backends, start, base: () => base(tmp.dir) };
}
