/**
 * The server attaches a lesson's pre-rendered outputs (server/prerendered.ts) only to cells
 * whose code is the code that ran: a lesson edited since the build shows no stale output for
 * the changed cell, and a damaged file is ignored rather than breaking the page.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/index.js';
import { Catalog, hashCode } from '../src/server/catalog.js';
import type { PrerenderedView } from '../src/shared/api.js';
import { FIXTURE_LESSONS, tempDir } from './helpers.js';

const tmp = tempDir();
const dir = join(tmp.dir, 'prerendered');
let app: FastifyInstance;

beforeAll(async () => {
  mkdirSync(dir);
  const cells = new Catalog(FIXTURE_LESSONS).get('01-mean')!.view.cells;
  // Cell 1 as it is; cell 2 as if it had been different when the build ran.
  writeFileSync(join(dir, '01-mean.json'), JSON.stringify({
    id: '01-mean', generatedAt: '2026-12-07T03:00:00.000Z', generator: 'test',
    cells: [
      { index: 1, hash: hashCode(cells[0]!.code), outputs: [{ kind: 'text', text: '6', label: 'how many' }], ms: 3 },
      { index: 2, hash: hashCode('let m = 1;'), outputs: [{ kind: 'text', text: 'stale' }], ms: 3 },
    ],
  }));
  writeFileSync(join(dir, '02-tables.json'), '{ not json');
  app = await buildServer({ dbPath: ':memory:', lessonsDir: FIXTURE_LESSONS, clientDir: join(tmp.dir, 'no-client'), prerenderedDir: dir });
});
afterAll(async () => {
  await app.close();
  tmp.cleanup();
});

const prerendered = async (id: string) => (await app.inject({ method: 'GET', url: `/api/lessons/${id}/prerendered` })).json<PrerenderedView>();

describe('pre-rendered outputs', () => {
  it('go with the cells whose code ran, not with changed ones', async () => {
    expect(await prerendered('01-mean')).toEqual({
      generatedAt: '2026-12-07T03:00:00.000Z',
      cells: [{ index: 1, outputs: [{ kind: 'text', text: '6', label: 'how many' }], ms: 3 }],
    });
  });

  it('are skipped when the file is damaged', async () => {
    expect(await prerendered('02-tables')).toEqual({ cells: [] });
    expect((await app.inject({ method: 'GET', url: '/api/lessons/99-none/prerendered' })).statusCode).toBe(404);
  });
});
